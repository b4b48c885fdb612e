package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a daemon must still do after a hostile input: restart a crashing service on time, and stop
 * within its {@code shutdown.timeout}. The service is the {@link #CRASHER} of the test's configuration.
 */
public final class SupervisionCheck {

    /** A service that exits at once, restarted 200 ms later each time. */
    public static final String CRASHER = """
              - name: crasher
                command: ["sh", "-c", "exit 3"]
                backoff: { interval: 200ms, max: 200ms }
            """;

    /** The crasher's backoff is 200 ms: a restart later than this after its crash is not on time. */
    private static final Duration ON_TIME = Duration.ofMillis(1200);

    private SupervisionCheck() {
    }

    /** Three more restarts of the crasher, each on time after its crash; then the shutdown completes within {@code shutdownTimeout}. */
    public static void stillSupervisesAndStopsOnTime(RunningDaemon d, Duration shutdownTimeout) throws Exception {
        int before = d.events("crasher", ServiceEvent.Type.RESTARTED).size();
        d.awaitEvents("crasher", ServiceEvent.Type.RESTARTED, before + 3);
        List<ServiceEvent> events = d.events().stream().filter(e -> e.service().equals("crasher")).toList();
        long lastCrash = -1;
        int checked = 0;
        for (ServiceEvent event : events) {
            if (event.type() == ServiceEvent.Type.CRASHED) {
                lastCrash = event.timestamp();
            } else if (event.type() == ServiceEvent.Type.RESTARTED && lastCrash >= 0) {
                assertThat(event.timestamp() - lastCrash).as("restart after its crash, in ms").isLessThan(ON_TIME.toMillis());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);

        long began = System.nanoTime();
        d.daemon.shutdown();
        d.daemon.exitCode().get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("shutdown").isLessThan(shutdownTimeout);
    }
}
