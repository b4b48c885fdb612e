package io.partner.ppm.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A user's mistakes in the configuration, through the launcher: one line naming the file, line and
 * column, exit code 2, no stack trace, nothing started.
 */
class BadConfigurationIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            unknown key        | services:\\n  - name: a\\n    comand: [true]\\n                      | ppm.yml:3:5:  | did you mean 'command'
            duplicate name     | services:\\n  - name: a\\n    command: [true]\\n  - name: a\\n    command: [true]\\n | ppm.yml:4:11: | duplicate
            invalid name       | services:\\n  - name: 'bad name'\\n    command: [true]\\n             | ppm.yml:2:11: | invalid service name
            bad duration       | services:\\n  - name: a\\n    command: [true]\\n    stop_timeout: 5 minutes\\n | ppm.yml:4:19: | duration
            bad size           | services:\\n  - name: a\\n    command: [true]\\n    log: {file: /tmp/a.log, max_size: 10 parsecs}\\n | ppm.yml:4:39: | size
            bad signal         | services:\\n  - name: a\\n    command: [true]\\n    stop_signal: SIGFOO\\n | ppm.yml:4:18: | signal
            missing env_file   | services:\\n  - name: a\\n    command: [true]\\n    env_file: /nonexistent/app.env\\n | ppm.yml:4:15: | /nonexistent/app.env
            yaml syntax error  | services:\\n  - name: a\\n    command: [true\\n                  | ppm.yml:     |
            """)
    void aBadConfigurationIsOneClearLineAndExitCodeTwo(String what, String yaml, String location, String words)
            throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), yaml.replace("\\n", "\n"));
        Process ppm = Installation.plain(dir, "daemon", "--config", config.toString()).start();
        String stderr = new String(ppm.getErrorStream().readAllBytes());
        String stdout = new String(ppm.getInputStream().readAllBytes());
        assertThat(ppm.waitFor(30, TimeUnit.SECONDS)).isTrue();

        assertThat(ppm.exitValue()).as(what).isEqualTo(2);
        assertThat(stderr.lines()).as(what).hasSize(1);
        assertThat(stderr).as(what).contains(location.trim()).doesNotContain("Exception").doesNotContain("\tat ");
        if (words != null) {
            assertThat(stderr).as(what).contains(words.trim());
        }
        assertThat(stdout).as(what).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"unreadable file", "a directory"})
    void aConfigurationThatCannotBeReadIsOneClearLine(String what) throws Exception {
        Path config;
        if (what.equals("a directory")) {
            config = Files.createDirectory(dir.resolve("conf.d"));
        } else {
            config = Files.writeString(dir.resolve("ppm.yml"), "services: []\n");
            Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("---------"));
        }
        // Root reads any file: run the unreadable case as nobody when we are root.
        boolean root = "root".equals(System.getProperty("user.name"));
        ProcessBuilder builder = root && what.equals("unreadable file")
                ? new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                        Installation.PPM.toString(), "daemon", "--config", config.toString())
                : Installation.plain(dir, "daemon", "--config", config.toString());
        builder.environment().put("HOME", dir.toString());
        Process ppm = builder.directory(Path.of("/").toFile()).start();
        String stderr = new String(ppm.getErrorStream().readAllBytes());
        assertThat(ppm.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(ppm.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr.lines()).as(stderr).hasSize(1);
        assertThat(stderr).contains(config.toString()).doesNotContain("Exception");
    }

    /**
     * Files built to hurt, through the launcher and its small heap and stacks: refused at start-up in one
     * line, exit code 2, quickly (a FIFO is never opened, /dev/zero never read, an alias bomb never expanded).
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            alias bomb           | with the aliases expanded
            nesting 900 deep     | document nesting depth (101) exceeds the maximum allowed (100)
            50 MB scalar         | too large (more than 4 MiB)
            config is a FIFO     | is a FIFO, not a regular file
            config is /dev/zero  | is a character device, not a regular file
            env_file is a FIFO   | is a FIFO, not a regular file
            env_file /dev/zero   | is a character device, not a regular file
            NUL in an argument   | NUL character
            """)
    void aHostileFileIsRefusedAtStartUpInOneLine(String what, String words) throws Exception {
        Path config = hostileConfig(what);
        Path stderrFile = dir.resolve("stderr.txt");
        Process ppm = Installation.plain(dir, "daemon", "--config", config.toString())
                .redirectError(stderrFile.toFile()).redirectOutput(dir.resolve("stdout.txt").toFile()).start();
        boolean ended = ppm.waitFor(30, TimeUnit.SECONDS);
        if (!ended) {
            ppm.destroyForcibly();
        }
        String stderr = Files.readString(stderrFile);

        assertThat(ended).as(what + " ends the daemon").isTrue();
        assertThat(ppm.exitValue()).as(stderr).isEqualTo(2);
        assertThat(stderr.lines()).as(stderr).hasSize(1);
        assertThat(stderr).as(what).contains(words.trim()).doesNotContain("Exception", "Error", "\tat ");
        assertThat(Files.readString(dir.resolve("stdout.txt"))).isEmpty();
    }

    private Path hostileConfig(String what) throws Exception {
        Path config = dir.resolve("ppm.yml");
        String service = "services:\n  - name: a\n    command: [sleep, '1000']\n";
        switch (what) {
            case "alias bomb" -> {
                StringBuilder yaml = new StringBuilder("x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
                for (int level = 1; level <= 9; level++) {
                    yaml.append("x-l").append(level).append(": &l").append(level).append(" [")
                            .append(String.join(", ", java.util.Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
                }
                Files.writeString(config, service + yaml);
            }
            case "nesting 900 deep" -> Files.writeString(config, service + "x: " + "[".repeat(900) + "]".repeat(900) + "\n");
            case "50 MB scalar" -> Files.writeString(config, service + "x: " + "y".repeat(50 * 1024 * 1024) + "\n");
            case "config is a FIFO" -> mkfifo(config);
            case "config is /dev/zero" -> {
                return Path.of("/dev/zero");
            }
            case "env_file is a FIFO" -> Files.writeString(config, service + "    env_file: " + mkfifo(dir.resolve("app.env")) + "\n");
            case "env_file /dev/zero" -> Files.writeString(config, service + "    env_file: /dev/zero\n");
            case "NUL in an argument" -> Files.writeString(config, service.replace("'1000'", "\"1000\\0\""));
            default -> throw new IllegalArgumentException(what);
        }
        return config;
    }

    private static Path mkfifo(Path fifo) throws Exception {
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return fifo;
    }
}
