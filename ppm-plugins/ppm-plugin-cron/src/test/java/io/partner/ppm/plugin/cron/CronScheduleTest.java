package io.partner.ppm.plugin.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

    /** Friday 2 January 2026, 20:00 UTC: 15:00 in New York, Saturday 05:00 in Tokyo. */
    private static final Instant FRIDAY_EVENING = Instant.parse("2026-01-02T20:00:00Z");

    private static List<Instant> instants(List<ZonedDateTime> times) {
        return times.stream().map(ZonedDateTime::toInstant).toList();
    }

    @Test
    void unixExpressionIsReadInTheServiceTimeZone() {
        CronSchedule newYork = CronSchedule.parse("30 9 * * 1-5", null, "America/New_York");
        CronSchedule tokyo = CronSchedule.parse("30 9 * * 1-5", null, "Asia/Tokyo");

        assertThat(instants(newYork.nextRuns(FRIDAY_EVENING, 2)))
                .containsExactly(Instant.parse("2026-01-05T14:30:00Z"), Instant.parse("2026-01-06T14:30:00Z"));
        assertThat(instants(tokyo.nextRuns(FRIDAY_EVENING, 2)))
                .containsExactly(Instant.parse("2026-01-05T00:30:00Z"), Instant.parse("2026-01-06T00:30:00Z"));
        assertThat(newYork.format()).isEqualTo("unix");
    }

    @Test
    void unixEveryFiveMinutes() {
        CronSchedule schedule = CronSchedule.parse("*/5 * * * *", "unix", "UTC");

        assertThat(instants(schedule.nextRuns(Instant.parse("2026-01-01T10:02:30Z"), 3))).containsExactly(
                Instant.parse("2026-01-01T10:05:00Z"), Instant.parse("2026-01-01T10:10:00Z"), Instant.parse("2026-01-01T10:15:00Z"));
    }

    @Test
    void fireTimeIsStrictlyAfterTheGivenInstant() {
        CronSchedule schedule = CronSchedule.parse("0 * * * *", null, "UTC");

        assertThat(schedule.nextAfter(Instant.parse("2026-01-01T10:00:00Z")).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-01-01T11:00:00Z"));
    }

    @Test
    void fireTimesFallOnWholeSecondsWhateverTheFractionOfTheGivenInstant() {
        CronSchedule everySecond = CronSchedule.parse("* * * * * ?", "quartz", "UTC");
        CronSchedule everyMinute = CronSchedule.parse("* * * * *", "unix", "UTC");

        // A timer wakes up a few milliseconds late: the next fire time must not carry that lateness along.
        assertThat(instants(everySecond.nextRuns(Instant.parse("2026-01-01T12:00:05.012345678Z"), 2))).containsExactly(
                Instant.parse("2026-01-01T12:00:06Z"), Instant.parse("2026-01-01T12:00:07Z"));
        assertThat(everyMinute.nextAfter(Instant.parse("2026-01-01T12:00:00.250Z")).orElseThrow().toInstant())
                .isEqualTo(Instant.parse("2026-01-01T12:01:00Z"));
    }

    @Test
    void quartzAndSpringHaveSeconds() {
        CronSchedule quartz = CronSchedule.parse("*/10 * * * * ?", "quartz", "UTC");
        CronSchedule spring = CronSchedule.parse("0 0 */6 * * *", "spring", "UTC");

        assertThat(instants(quartz.nextRuns(Instant.parse("2026-01-01T12:00:05Z"), 3))).containsExactly(
                Instant.parse("2026-01-01T12:00:10Z"), Instant.parse("2026-01-01T12:00:20Z"), Instant.parse("2026-01-01T12:00:30Z"));
        assertThat(instants(spring.nextRuns(Instant.parse("2026-01-01T01:00:00Z"), 2))).containsExactly(
                Instant.parse("2026-01-01T06:00:00Z"), Instant.parse("2026-01-01T12:00:00Z"));
    }

    @Test
    void daylightSavingChangeKeepsTheWallClockTime() {
        CronSchedule paris = CronSchedule.parse("0 12 * * *", null, "Europe/Paris");

        // Noon in Paris is 11:00 UTC in winter and 10:00 UTC from 29 March 2026.
        assertThat(instants(paris.nextRuns(Instant.parse("2026-03-28T00:00:00Z"), 2)))
                .containsExactly(Instant.parse("2026-03-28T11:00:00Z"), Instant.parse("2026-03-29T10:00:00Z"));
    }

    @Test
    void badInputIsNamedClearly() {
        assertThatThrownBy(() -> CronSchedule.parse("61 * * * *", null, "UTC"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid unix cron expression '61 * * * *': ");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * *", "cron4j", "UTC"))
                .hasMessage("schedule_format: unknown format 'cron4j' (use unix, quartz or spring)");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * *", null, "Mars/Olympus"))
                .hasMessage("timezone: unknown time zone 'Mars/Olympus' (use e.g. UTC, Europe/Paris)");
        assertThatThrownBy(() -> CronSchedule.parse("* * * * *", "quartz", "UTC"))
                .hasMessageStartingWith("invalid quartz cron expression '* * * * *': ");
    }
}
