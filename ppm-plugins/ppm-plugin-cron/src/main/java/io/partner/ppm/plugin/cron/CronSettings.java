package io.partner.ppm.plugin.cron;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.ConfigValues;
import java.util.Map;
import java.util.Set;

/**
 * The cron keys of one service, parsed: {@code schedule} (start it at each fire time) and
 * {@code cron_restart} (restart it at each fire time), both read in {@code schedule_format} and
 * {@code timezone}.
 *
 * @param schedule when to start the service, or null
 * @param restart when to restart the service, or null
 */
record CronSettings(CronSchedule schedule, CronSchedule restart) {

    static final String SCHEDULE = "schedule";
    static final String FORMAT = "schedule_format";
    static final String TIMEZONE = "timezone";
    static final String CRON_RESTART = "cron_restart";
    static final Set<String> KEYS = Set.of(SCHEDULE, FORMAT, TIMEZONE, CRON_RESTART);

    /** The service's settings, or null when it uses no cron key that schedules anything. */
    static CronSettings of(ServiceSpec spec) {
        Map<String, Object> keys = spec.extensions();
        String format = keys.containsKey(FORMAT) ? ConfigValues.string(keys.get(FORMAT), FORMAT) : null;
        String zone = keys.containsKey(TIMEZONE) ? ConfigValues.string(keys.get(TIMEZONE), TIMEZONE) : null;
        CronSchedule schedule = parse(keys.get(SCHEDULE), SCHEDULE, format, zone);
        CronSchedule restart = parse(keys.get(CRON_RESTART), CRON_RESTART, format, zone);
        if (schedule == null && restart == null) {
            if (format != null || zone != null) {
                throw new IllegalArgumentException(
                        (format != null ? FORMAT : TIMEZONE) + " is only used with schedule or cron_restart");
            }
            return null;
        }
        return new CronSettings(schedule, restart);
    }

    private static CronSchedule parse(Object value, String key, String format, String zone) {
        if (value == null) {
            return null;
        }
        try {
            return CronSchedule.parse(ConfigValues.string(value, key), format, zone);
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            throw new IllegalArgumentException(message.startsWith("invalid ") ? key + ": " + message : message);
        }
    }

    /** Same expressions, formats and zones: no need to plan the service again. */
    boolean sameAs(CronSettings other) {
        return other != null && same(schedule, other.schedule) && same(restart, other.restart);
    }

    private static boolean same(CronSchedule a, CronSchedule b) {
        if (a == null || b == null) {
            return a == b;
        }
        return a.expression().equals(b.expression()) && a.format().equals(b.format()) && a.zone().equals(b.zone());
    }
}
