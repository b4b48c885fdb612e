package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as its own process, tried the way an unlucky operator would: a stalled log driver,
 * a broken file on SIGHUP. Whatever happens it keeps supervising and stops within
 * {@code shutdown.timeout}.
 */
class DaemonFaultsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private ProcessBuilder daemon(Path config, String... trailing) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.partner.ppm.cli.Ppm", "daemon", "--config", config.toString()));
        command.addAll(List.of(trailing));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PPM_RUNTIME_FILE", dir.resolve("run/daemon.json").toString());
        return builder;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void aStalledOutputDoesNotStopSupervisionNorTheShutdown() throws Exception {
        Path pids = dir.resolve("pids");
        Path config = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                services:
                  - name: chatty
                    command: [yes, "a chatty service fills the daemon's output"]
                  - name: victim
                    command: [sh, -c, 'echo $$ >> %s; exec sleep 1000']
                    restart: always
                    backoff: { interval: 100ms }
                """.formatted(pids));
        // stdout and stderr: one pipe that nobody reads, as a stalled log driver.
        Process daemon = start(daemon(config).redirectErrorStream(true));

        await().atMost(DEADLINE).until(() -> lines(pids).size() == 1);
        await().atMost(DEADLINE).until(() -> relayBlockedInWrite(daemon.pid()));
        long first = Long.parseLong(lines(pids).getFirst().strip());
        new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor();

        await("the SIGKILLed service is restarted").atMost(Duration.ofSeconds(5))
                .until(() -> lines(pids).size() >= 2);
        long signalled = System.nanoTime();
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as("daemon exits").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(took).as("exit within shutdown.timeout").isLessThan(Duration.ofMillis(3_500));
        assertThat(daemon.exitValue()).isZero();
        for (String pid : lines(pids)) {
            await("service process " + pid + " is gone").atMost(Duration.ofSeconds(2))
                    .until(() -> !Files.exists(Path.of("/proc", pid.strip())));
        }
    }

    @Test
    void sighupWithABrokenFileSaysWhereOnTheDaemonsStderrAndKeepsTheRunningServices() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                services:
                  - name: web
                    command: [sleep, "1000"]
                """);
        Path err = dir.resolve("err.txt");
        Process daemon = start(daemon(config).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()));
        await().atMost(DEADLINE).until(() -> Files.readString(err).contains("web: started"));

        Files.writeString(config, """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                services:
                  - name: web
                    command: [sleep, "1000"
                  - name: other
                """);
        new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();

        await().atMost(DEADLINE).until(() -> Files.readString(err).contains("reload refused"));
        assertThat(Files.readString(err)).contains("ppm | reload refused: " + config + ":");
        daemon.destroy();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(err)).doesNotContain("\tat ").contains("stopped, exit code 0");
    }

    /** True once the relay's poller thread waits in a write to the daemon's full stdout pipe. */
    private static boolean relayBlockedInWrite(long daemonPid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(daemonPid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().startsWith("ppm-relay-poll")
                            && Files.readString(task.resolve("wchan")).contains("pipe_write")) {
                        return true;
                    }
                } catch (IOException gone) {
                    // The thread ended meanwhile.
                }
            }
        }
        return false;
    }
}
