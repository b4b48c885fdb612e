package io.partner.ppm.plugin.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.plugin.testkit.InMemorySupervisor;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler against a clock and timer the test moves by hand. */
class CronSchedulerTest {

    /** 1 January 2026, 23:59 UTC: 08:59 on 2 January in Tokyo. */
    private final ManualTimer time = new ManualTimer(Instant.parse("2026-01-01T23:59:00Z"));
    private final InMemorySupervisor daemon = new InMemorySupervisor(time);
    private final CronScheduler scheduler = new CronScheduler(time);

    @AfterEach
    void tearDown() {
        scheduler.stop();
        daemon.close();
    }

    @Test
    void scheduledServiceStartsAtEachFireTimeInItsTimeZone() {
        daemon.add(Services.withKeys("report", Map.of("schedule", "0 9 * * *", "timezone", "Asia/Tokyo")));
        scheduler.start(daemon);

        assertThat(daemon.detail("report", "next_runs")).isEqualTo(
                "2026-01-02T09:00:00+09:00, 2026-01-03T09:00:00+09:00, 2026-01-04T09:00:00+09:00");

        time.advanceTo(Instant.parse("2026-01-01T23:59:59Z"));
        assertThat(daemon.starts("report")).isZero();
        time.advanceTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(daemon.starts("report")).isEqualTo(1);
        assertThat(daemon.detail("report", "next_runs")).startsWith("2026-01-03T09:00:00+09:00, ");

        daemon.finish("report", ExitStatus.exited(0));
        time.advance(Duration.ofDays(2));
        assertThat(daemon.starts("report")).as("the run of the 3rd; the 4th's is still running").isEqualTo(2);
    }

    @Test
    void runStillGoingIsNotStartedAgainButSkippedAndCounted() {
        daemon.add(Services.withKeys("sync", Map.of("schedule", "* * * * *", "timezone", "UTC")));
        scheduler.start(daemon);

        time.advance(Duration.ofMinutes(3));

        assertThat(daemon.starts("sync")).isEqualTo(1);
        assertThat(daemon.maxConcurrentRuns("sync")).isEqualTo(1);
        assertThat(scheduler.skipped("sync")).isEqualTo(2);
        assertThat(daemon.detail("sync", "skipped_runs")).isEqualTo("2");

        daemon.finish("sync", ExitStatus.exited(0));
        time.advance(Duration.ofMinutes(1));
        assertThat(daemon.starts("sync")).isEqualTo(2);
    }

    @Test
    void cronRestartRestartsALongRunningServiceOnSchedule() {
        daemon.add(Services.withKeys("cache", Map.of("cron_restart", "0 4 * * *", "timezone", "UTC")).withAutostart(true));
        scheduler.start(daemon);
        assertThat(daemon.starts("cache")).isEqualTo(1);
        assertThat(daemon.detail("cache", "next_restarts")).startsWith("2026-01-02T04:00:00Z, ");

        time.advance(Duration.ofDays(3));

        assertThat(daemon.restarts("cache")).isEqualTo(3);
        assertThat(daemon.maxConcurrentRuns("cache")).isEqualTo(1);
    }

    @Test
    void serviceAddedLaterIsScheduledAndRemovedServiceIsNot() {
        scheduler.start(daemon);

        daemon.add(Services.withKeys("late", Map.of("schedule", "*/10 * * * *", "timezone", "UTC")));
        daemon.drainEvents();
        assertThat(daemon.detail("late", "next_runs")).startsWith("2026-01-02T00:00:00Z, ");
        time.advanceTo(Instant.parse("2026-01-02T00:00:00Z"));
        assertThat(daemon.starts("late")).isEqualTo(1);

        daemon.remove("late");
        daemon.drainEvents();
        assertThat(time.pending()).isZero();
    }

    @Test
    void stoppingTheSchedulerCancelsEveryJob() {
        daemon.add(Services.withKeys("a", Map.of("schedule", "* * * * *", "timezone", "UTC")));
        daemon.add(Services.withKeys("b", Map.of("cron_restart", "* * * * *", "timezone", "UTC")));
        scheduler.start(daemon);
        assertThat(time.pending()).isEqualTo(2);

        scheduler.stop();

        assertThat(time.pending()).isZero();
        assertThat(daemon.detail("a", "next_runs")).isNull();
        time.advance(Duration.ofMinutes(5));
        assertThat(daemon.starts("a")).isZero();
    }
}
