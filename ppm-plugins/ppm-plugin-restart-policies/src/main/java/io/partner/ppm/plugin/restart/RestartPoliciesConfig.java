package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.ConfigValues;
import java.util.Set;
import org.pf4j.Extension;

/** The service keys of this plugin: {@code restart_window} and {@code max_memory}. */
@Extension
public class RestartPoliciesConfig implements ConfigContribution {

    @Override
    public Set<String> serviceKeys() {
        return Set.of(CrashWindow.KEY, MemoryLimit.KEY);
    }

    @Override
    public void validateServiceKey(String service, String key, Object value) {
        switch (key) {
            case CrashWindow.KEY -> CrashWindow.parse(value);
            case MemoryLimit.KEY -> ConfigValues.positiveSize(value, "");
            default -> throw new IllegalArgumentException("unknown key '" + key + "'");
        }
    }
}
