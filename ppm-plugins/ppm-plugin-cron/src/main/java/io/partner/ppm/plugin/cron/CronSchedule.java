package io.partner.ppm.plugin.cron;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A parsed cron expression in a time zone: when it fires next.
 *
 * @param expression the expression as written
 * @param format {@code unix} (minute resolution, 5 fields), {@code quartz} (seconds, 6-7 fields) or
 *     {@code spring} (seconds, 6 fields)
 * @param zone the zone the expression's hours and days are read in
 */
record CronSchedule(String expression, String format, ZoneId zone, ExecutionTime times) {

    static final String UNIX = "unix";
    static final List<String> FORMATS = List.of(UNIX, "quartz", "spring");

    /** @throws IllegalArgumentException naming what is wrong with the expression, format or zone */
    static CronSchedule parse(String expression, String format, String zone) {
        String chosenFormat = format == null ? UNIX : format.toLowerCase(Locale.ROOT);
        CronType type = switch (chosenFormat) {
            case "unix" -> CronType.UNIX;
            case "quartz" -> CronType.QUARTZ;
            case "spring" -> CronType.SPRING53;
            default -> throw new IllegalArgumentException(
                    "schedule_format: unknown format '" + format + "' (use unix, quartz or spring)");
        };
        ZoneId zoneId;
        try {
            zoneId = zone(zone);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("timezone: " + e.getMessage());
        }
        try {
            CronParser parser = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(type));
            ExecutionTime times = ExecutionTime.forCron(parser.parse(expression.trim()).validate());
            return new CronSchedule(expression, chosenFormat, zoneId, times);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid " + chosenFormat + " cron expression '" + expression + "': "
                    + firstLine(e.getMessage()));
        }
    }

    /** The zone of that name, or the daemon's own when null. */
    static ZoneId zone(String zone) {
        if (zone == null) {
            return ZoneId.systemDefault();
        }
        try {
            return ZoneId.of(zone);
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("unknown time zone '" + zone + "' (use e.g. UTC, Europe/Paris)");
        }
    }

    /** The first fire time strictly after {@code instant}, or empty when the expression never fires again. */
    Optional<ZonedDateTime> nextAfter(Instant instant) {
        // cron-utils keeps the fraction of a second it is given; the timer wakes up a little late each
        // time, so without this each fire time would inherit the lateness of the one before and drift.
        return times.nextExecution(instant.truncatedTo(ChronoUnit.SECONDS).atZone(zone));
    }

    /** Up to {@code count} fire times strictly after {@code instant}. */
    List<ZonedDateTime> nextRuns(Instant instant, int count) {
        List<ZonedDateTime> runs = new ArrayList<>(count);
        Instant from = instant;
        for (int i = 0; i < count; i++) {
            Optional<ZonedDateTime> next = nextAfter(from);
            if (next.isEmpty()) {
                break;
            }
            runs.add(next.get());
            from = next.get().toInstant();
        }
        return runs;
    }

    private static String firstLine(String message) {
        return message == null ? "not understood" : message.lines().findFirst().orElse("not understood");
    }
}
