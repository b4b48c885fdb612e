package io.partner.ppm.plugin.cron;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.ConfigValues;
import java.util.Locale;
import java.util.Set;
import org.pf4j.Extension;

/**
 * The cron keys of a service. A service with a {@code schedule} does not start with the daemon: it
 * starts at its fire times.
 */
@Extension
public class CronConfig implements ConfigContribution {

    @Override
    public Set<String> serviceKeys() {
        return CronSettings.KEYS;
    }

    @Override
    public void validateServiceKey(String service, String key, Object value) {
        String text = ConfigValues.string(value, "");
        if (key.equals(CronSettings.FORMAT) && !CronSchedule.FORMATS.contains(text.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("unknown format '" + text + "' (use unix, quartz or spring)");
        }
        if (key.equals(CronSettings.TIMEZONE)) {
            CronSchedule.zone(text);
        }
        // schedule and cron_restart are parsed in adjust, in the schedule_format written next to them.
    }

    /** Checks the expressions in their format and zone; turns autostart off for a scheduled service. */
    @Override
    public ServiceSpec adjust(ServiceSpec spec) {
        CronSettings settings = CronSettings.of(spec);
        return settings != null && settings.schedule() != null ? spec.withAutostart(false) : spec;
    }
}
