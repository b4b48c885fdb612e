package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.spi.ConfigValues;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * {@code restart_window: {max_crashes: 5, within: 1m}}: how many crashes a service may have within a
 * sliding time window before the {@code window} policy gives up.
 */
record CrashWindow(int maxCrashes, Duration within) {

    static final String KEY = "restart_window";
    static final CrashWindow DEFAULT = new CrashWindow(5, Duration.ofMinutes(1));

    /** Reads the key's value; null means the default. Messages name the nested keys, not {@code restart_window}. */
    static CrashWindow parse(Object value) {
        if (value == null) {
            return DEFAULT;
        }
        Map<String, Object> map = ConfigValues.map(value, "", Set.of("max_crashes", "within"));
        int maxCrashes = map.containsKey("max_crashes")
                ? ConfigValues.integer(map.get("max_crashes"), "max_crashes", 1) : DEFAULT.maxCrashes();
        Duration within = map.containsKey("within")
                ? ConfigValues.positiveDuration(map.get("within"), "within") : DEFAULT.within();
        return new CrashWindow(maxCrashes, within);
    }
}
