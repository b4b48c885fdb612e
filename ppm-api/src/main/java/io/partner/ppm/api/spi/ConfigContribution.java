package io.partner.ppm.api.spi;

import io.partner.ppm.api.ServiceSpec;
import java.util.Map;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Configuration keys a plugin owns. A key that neither the core nor a loaded plugin owns is an error;
 * a plugin declares its keys here and validates their values.
 *
 * <p>Validation methods throw {@link IllegalArgumentException} with a short message: no location, and
 * not the key or section asked about either, since the daemon puts both in front (
 * {@code ppm.yml:7:5: service 'web' restart_window: within: invalid duration 'soon'}). Nested keys are
 * named relative to it, as {@code within} here. {@link ConfigValues} reads the parsed YAML values
 * (durations, sizes, maps) with messages in that style.
 *
 * <p>The daemon calls, for each service: {@link #validateServiceKey} for every key the plugin owns, then
 * {@link #adjust} once for a service that uses at least one of them; for each owned section
 * {@link #validateSection}; and after a successful load {@link #configure}. Nothing is applied when any
 * of them throws.
 */
public interface ConfigContribution extends ExtensionPoint {

    /** Keys this plugin owns inside a service definition, e.g. {@code schedule}. */
    default Set<String> serviceKeys() {
        return Set.of();
    }

    /** Top-level sections this plugin owns, e.g. {@code notify}. */
    default Set<String> sections() {
        return Set.of();
    }

    /** Checks the value of one of {@link #serviceKeys()} in one service. */
    default void validateServiceKey(String service, String key, Object value) {
    }

    /** Checks one of {@link #sections()}: a parsed YAML value (Map, List, String, Number, Boolean). */
    default void validateSection(String section, Object value) {
    }

    /**
     * Adjusts a service definition that uses this plugin's keys, once validated; e.g. the cron plugin
     * turns off {@code autostart} for a service with a {@code schedule}. Returns the spec unchanged by default.
     *
     * <p>This is also where rules spanning several keys are checked (a {@code schedule} read in the
     * {@code schedule_format} given next to it): throw {@link IllegalArgumentException} with a message
     * that names the key, e.g. {@code schedule: invalid quartz cron expression '* * *'}.
     */
    default ServiceSpec adjust(ServiceSpec spec) {
        return spec;
    }

    /** Receives the section's value after a successful load or reload (absent sections are not passed). */
    default void configure(Map<String, Object> sections) {
    }
}
