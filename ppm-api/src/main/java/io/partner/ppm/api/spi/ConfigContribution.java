package io.partner.ppm.api.spi;

import io.partner.ppm.api.ServiceSpec;
import java.util.Map;
import java.util.Set;
import org.pf4j.ExtensionPoint;

/**
 * Configuration keys a plugin owns. A key that neither the core nor a loaded plugin owns is an error;
 * a plugin declares its keys here and validates their values.
 *
 * <p>Validation methods throw {@link IllegalArgumentException} with a short message (no location): the
 * daemon adds the file, line and column of the offending key. {@link ConfigValues} reads the parsed YAML
 * values (durations, sizes, maps) with messages in the daemon's style.
 *
 * <p>The daemon calls, for each service: {@link #validateServiceKey} for every key the plugin owns, then
 * {@link #validateService} and {@link #adjust} once for a service that uses at least one of them; for each
 * owned section {@link #validateSection}; and after a successful load {@link #configure}. Nothing is
 * applied when any of them throws.
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

    /**
     * Checks a whole service that uses this plugin's keys, for rules that span several keys (e.g. a
     * {@code schedule} read in the {@code schedule_format} given next to it). The spec's
     * {@link ServiceSpec#extensions()} hold the plugin-owned keys.
     */
    default void validateService(ServiceSpec spec) {
    }

    /** Checks one of {@link #sections()}: a parsed YAML value (Map, List, String, Number, Boolean). */
    default void validateSection(String section, Object value) {
    }

    /**
     * Adjusts a service definition that uses this plugin's keys, once validated; e.g. the cron plugin
     * turns off {@code autostart} for a service with a {@code schedule}. Returns the spec unchanged by default.
     * May throw {@link IllegalArgumentException} like the validation methods.
     */
    default ServiceSpec adjust(ServiceSpec spec) {
        return spec;
    }

    /** Receives the section's value after a successful load or reload (absent sections are not passed). */
    default void configure(Map<String, Object> sections) {
    }
}
