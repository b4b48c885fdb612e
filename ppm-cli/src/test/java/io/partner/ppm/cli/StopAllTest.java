package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.runtime.RunningDaemon;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ppm stop all} with many crash-looping services: they stop together, within their
 * {@code stop_timeout} plus a second, not one after the other. {@code bench/stop-all.sh} runs the
 * same with 200 services ({@code -Dppm.stopAll.services=200}).
 */
class StopAllTest {

    private static final int SERVICES = Integer.getInteger("ppm.stopAll.services", 20);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    @Test
    void stopAllStopsCrashLoopingServicesWithinTheirStopTimeoutPlusASecond() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < SERVICES; i++) {
            // Crashes after a moment, ignores SIGTERM while it runs: every stop of a running one takes stop_timeout.
            yaml.append("""
                      - name: looper-%d
                        command: ["sh", "-c", "trap '' TERM; sleep 0.3; exit 1"]
                        backoff: { interval: 100ms, max: 200ms }
                        stop_timeout: %dms
                    """.formatted(i, STOP_TIMEOUT.toMillis()));
        }
        try (RunningDaemon running = RunningDaemon.startWithEndpoints(dir, yaml.toString())) {
            Map<String, String> env = Map.of("PPM_RUNTIME_FILE", running.daemon.management().runtimeFile().toString());
            await().atMost(Duration.ofSeconds(60)).until(() -> running.daemon.supervisor().services().stream()
                    .allMatch(s -> s.totalRestarts() >= 1));

            // The command line's own start (classes loaded on first use in this JVM) is not what is measured.
            assertThat(CliRun.of(env, "ls").exitCode()).isZero();
            long started = System.nanoTime();
            CliRun stop = CliRun.of(env, "stop", "all");
            assertThat(stop.exitCode()).as(stop.err()).isZero();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                    .until(() -> running.daemon.supervisor().services().stream().noneMatch(StopAllTest::stillGoing));
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("ppm stop all, %d crash-looping services: %d ms%n", SERVICES, took.toMillis());

            assertThat(took).isLessThan(STOP_TIMEOUT.plusSeconds(1));
        }
    }

    private static boolean stillGoing(ServiceInfo service) {
        return service.state().isAlive() || service.nextRestartAt() > 0;
    }
}
