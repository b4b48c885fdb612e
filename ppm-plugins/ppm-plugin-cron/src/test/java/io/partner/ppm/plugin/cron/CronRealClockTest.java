package io.partner.ppm.plugin.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.plugin.testkit.InMemorySupervisor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A seconds-resolution Quartz schedule on the daemon's real timer and clock. */
class CronRealClockTest {

    private final InMemorySupervisor daemon = new InMemorySupervisor();
    private final CronScheduler scheduler = new CronScheduler();

    @AfterEach
    void tearDown() {
        scheduler.stop();
        daemon.close();
    }

    @Test
    void everySecondScheduleStartsAboutOncePerSecond() {
        daemon.add(Services.withKeys("tick", Map.of("schedule", "* * * * * ?", "schedule_format", "quartz")));
        daemon.runFor("tick", Duration.ofMillis(200));
        scheduler.start(daemon);
        long begin = System.nanoTime();

        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.starts("tick") >= 5);

        Duration elapsed = Duration.ofNanos(System.nanoTime() - begin);
        // Five starts one second apart need four seconds at least; a busy machine may only make it slower.
        assertThat(elapsed).isGreaterThan(Duration.ofMillis(3900));
        assertThat(daemon.maxConcurrentRuns("tick")).isEqualTo(1);
    }

    @Test
    void runLongerThanTheIntervalIsNeverStartedTwice() {
        daemon.add(Services.withKeys("slow", Map.of("schedule", "* * * * * ?", "schedule_format", "quartz")));
        daemon.runFor("slow", Duration.ofMillis(1500));
        scheduler.start(daemon);

        await().atMost(Duration.ofSeconds(30)).until(() -> daemon.starts("slow") >= 3);

        assertThat(daemon.maxConcurrentRuns("slow")).isEqualTo(1);
        assertThat(scheduler.skipped("slow")).as("a fire time falls inside each 1.5 s run").isGreaterThanOrEqualTo(2);
        assertThat(daemon.detail("slow", "skipped_runs")).isNotNull();
    }
}
