package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppm daemon} run as its own process, the way a container or a shell starts it. */
class DaemonCommandTest {

    @TempDir
    Path dir;

    private record Result(int exitCode, String out, String err) {
    }

    private Result ppm(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.partner.ppm.cli.Ppm"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(dir.resolve("out.txt").toFile())
                .redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("PPM_RUNTIME_FILE", dir.resolve("run/daemon.json").toString());
        Process process = builder.start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ppm exits").isTrue();
        return new Result(process.exitValue(), Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(dir.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    @Test
    void aMissingConfigurationFileIsOneLineAndTheDaemonsExitCode() throws Exception {
        Result run = ppm("daemon", "--config", dir.resolve("missing.yml").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().strip()).startsWith("ppm: ").contains("missing.yml").doesNotContain("\tat ");
    }

    @Test
    void detachReportsADaemonThatDiesBeforeItIsReady() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.yml"), "services:\n  - name: x\n    comand: [true]\n");

        Result run = ppm("daemon", "--detach", "--config", config.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo("ppm: the daemon exited with code 2 before it was ready; see "
                + dir.resolve("run/daemon.log"));
        assertThat(Files.readString(dir.resolve("run/daemon.log"))).contains("comand");
    }
}
