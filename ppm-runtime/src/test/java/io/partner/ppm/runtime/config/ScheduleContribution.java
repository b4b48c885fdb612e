package io.partner.ppm.runtime.config;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.ConfigContribution;
import java.util.Map;
import java.util.Set;

/**
 * A plugin's configuration keys as a test sees them: {@code schedule:} in services (five fields, and a
 * scheduled service does not start on its own) and a top-level {@code notify:} section that needs a url.
 */
final class ScheduleContribution implements ConfigContribution {

    @Override
    public Set<String> serviceKeys() {
        return Set.of("schedule");
    }

    @Override
    public Set<String> sections() {
        return Set.of("notify");
    }

    @Override
    public void validateServiceKey(String service, String key, Object value) {
        if (!(value instanceof String text) || text.trim().split("\\s+").length != 5) {
            throw new IllegalArgumentException("expected a cron expression with 5 fields, got '" + value + "'");
        }
    }

    @Override
    public void validateSection(String section, Object value) {
        if (!(value instanceof Map<?, ?> map) || !map.containsKey("url")) {
            throw new IllegalArgumentException("needs a url");
        }
    }

    @Override
    public ServiceSpec adjust(ServiceSpec spec) {
        return spec.withAutostart(false);
    }

    static ConfigExtensions extensions() {
        return new ConfigExtensions(java.util.List.of(new ScheduleContribution()), Set.of("window"));
    }
}
