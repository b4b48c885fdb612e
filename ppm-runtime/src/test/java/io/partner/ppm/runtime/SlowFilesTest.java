package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.runtime.logs.LogLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files that block or flood do not hold supervision hostage: an {@code env_file} or a log file that is
 * a FIFO, and a log rotation storm.
 */
class SlowFilesTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path dir;

    private RunningDaemon start(String services) {
        return RunningDaemon.startRaw(dir, """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                services:
                """ + SupervisionCheck.CRASHER + services, Clock.systemUTC(), Map.of());
    }

    private static void mkfifo(Path path) throws IOException, InterruptedException {
        Files.deleteIfExists(path);
        Process mkfifo = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor()).isZero();
    }

    @Test
    void envFileReplacedByAFifoFailsOnlyThatStartAndRestartAnswers() throws Exception {
        Path envFile = Files.writeString(dir.resolve("web.env"), "GREETING=hello\n");
        try (RunningDaemon d = start("""
                  - name: web
                    command: ["sleep", "600"]
                    env_file: %s
                """.formatted(envFile))) {
            d.awaitState("web", ServiceState.RUNNING);
            mkfifo(envFile);

            long began = System.nanoTime();
            d.daemon.supervisor().restart("web");
            assertThat(Duration.ofNanos(System.nanoTime() - began)).as("ppm restart answers").isLessThan(Duration.ofSeconds(2));

            ServiceEvent crash = d.awaitEvents("web", ServiceEvent.Type.CRASHED, 1).getFirst();
            // Refused before it is opened (it is no longer a regular file), so it cannot block anything.
            assertThat(crash.message()).isEqualTo("env_file " + envFile + ": is a FIFO, not a regular file");
            SupervisionCheck.stillSupervisesAndStopsOnTime(d, SHUTDOWN_TIMEOUT);
        }
    }

    @Test
    void logFileThatIsAFifoDoesNotHoldUpTheStart() throws Exception {
        Path fifo = dir.resolve("web.log");
        mkfifo(fifo);
        try (RunningDaemon d = start("""
                  - name: web
                    command: ["sh", "-c", "echo hello; sleep 600"]
                    log: { file: %s }
                """.formatted(fifo))) {
            d.awaitState("web", ServiceState.RUNNING);
            await().atMost(RunningDaemon.DEADLINE).until(() -> d.stderr.text().contains(
                    "log file " + fifo + " of web cannot be opened: not opened within 2 s (a FIFO, or a stalled file system?)"));
            assertThat(d.daemon.logs("web", 0, 10)).extracting(LogLine::text).contains("hello");
            SupervisionCheck.stillSupervisesAndStopsOnTime(d, SHUTDOWN_TIMEOUT);
        }
    }

    @Test
    void rotationStormOfOneServiceDoesNotStarveAnother() throws Exception {
        Path logs = Files.createDirectory(dir.resolve("logs"));
        try (RunningDaemon d = start("""
                  - name: chatty
                    command: ["sh", "-c", "seq 1 500000; sleep 600"]
                    log: { file: %s, max_size: 1KB, max_files: 1000 }
                  - name: quiet
                    command: ["sh", "-c", "while :; do date +%%s%%3N; sleep 0.1; done"]
                """.formatted(logs.resolve("chatty.log")))) {
            // Twenty ticks of the quiet service, each relayed within seconds of being printed: renaming up to
            // 1,000 files for every KB of the flood held the relay for minutes. (The bound is loose for
            // loaded test machines: the flood itself, even without a file, delays a tick by up to a second.)
            await().atMost(RunningDaemon.DEADLINE).until(() -> d.daemon.logs("quiet", 0, 1000).size() >= 20);
            List<LogLine> ticks = d.daemon.logs("quiet", 0, 1000);
            for (LogLine tick : ticks) {
                assertThat(tick.timestamp() - Long.parseLong(tick.text().trim())).as("relay delay of %s, ms", tick.text())
                        .isLessThan(5000);
            }
            await().atMost(RunningDaemon.DEADLINE).until(() -> d.daemon.logs("chatty", 0, 1).size() == 1
                    && d.daemon.logs("chatty", 499_000, 1000).stream().anyMatch(l -> l.text().equals("500000")));
            SupervisionCheck.stillSupervisesAndStopsOnTime(d, SHUTDOWN_TIMEOUT);
        }
    }
}
