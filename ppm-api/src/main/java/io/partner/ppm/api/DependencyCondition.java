package io.partner.ppm.api;

import java.util.Locale;

/** What a service waits for in another service before it starts ({@code depends_on: {db: started}}). */
public enum DependencyCondition {
    /** The dependency's process is running. */
    STARTED,
    /** The dependency is running and its readiness probe passes (the health plugin); without a probe, the same as STARTED. */
    READY,
    /** The dependency has ended with a success exit code (a one-shot set-up step). */
    COMPLETED;

    /** The spelling used in configuration files. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DependencyCondition parse(String text) {
        for (DependencyCondition c : values()) {
            if (c.configName().equals(text)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown dependency condition '" + text + "' (use started, ready or completed)");
    }
}
