package io.partner.ppm.runtime.config;

import io.partner.ppm.api.ServiceSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The whole configuration, defaults applied.
 *
 * @param source the file it was read from, or null for the embedded default (no file)
 * @param defaults the {@code defaults:} section as written (service keys), kept for show-configuration
 * @param services the services in file order
 * @param sections top-level sections owned by plugins, as parsed YAML values
 * @param auth users who may control the daemon besides the runtime file's credential
 */
public record DaemonConfig(
        Path source,
        JmxConfig jmx,
        JolokiaConfig jolokia,
        LogConfig log,
        Duration statsInterval,
        PluginsConfig plugins,
        Duration shutdownTimeout,
        String exitWith,
        Map<String, Object> defaults,
        List<ServiceSpec> services,
        Map<String, Object> sections,
        AuthConfig auth) {

    public static final Duration DEFAULT_STATS_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(8);

    public DaemonConfig {
        defaults = Map.copyOf(defaults);
        services = List.copyOf(services);
        sections = Map.copyOf(sections);
    }

    /** A configuration without {@code daemon.auth} users. */
    public DaemonConfig(Path source, JmxConfig jmx, JolokiaConfig jolokia, LogConfig log, Duration statsInterval,
            PluginsConfig plugins, Duration shutdownTimeout, String exitWith, Map<String, Object> defaults,
            List<ServiceSpec> services, Map<String, Object> sections) {
        this(source, jmx, jolokia, log, statsInterval, plugins, shutdownTimeout, exitWith, defaults, services, sections,
                AuthConfig.NONE);
    }

    /** The same configuration read from another file (or from none: null). */
    public DaemonConfig withSource(Path file) {
        return new DaemonConfig(file, jmx, jolokia, log, statsInterval, plugins, shutdownTimeout, exitWith, defaults, services, sections, auth);
    }

    /** The same configuration with these services, e.g. after services were added or removed at run time. */
    public DaemonConfig withServices(List<ServiceSpec> value) {
        return new DaemonConfig(source, jmx, jolokia, log, statsInterval, plugins, shutdownTimeout, exitWith, defaults, value, sections, auth);
    }

    /** The same configuration whose daemon ends with {@code service} (null for none), as {@code ppm daemon -- CMD} sets it. */
    public DaemonConfig withExitWith(String service) {
        return new DaemonConfig(source, jmx, jolokia, log, statsInterval, plugins, shutdownTimeout, service, defaults, services, sections, auth);
    }

    /** The embedded default: no file, no services, every endpoint at its default. */
    public static DaemonConfig empty() {
        return new DaemonConfig(null, JmxConfig.DEFAULT, JolokiaConfig.DEFAULT, LogConfig.DEFAULT,
                DEFAULT_STATS_INTERVAL, PluginsConfig.DEFAULT, DEFAULT_SHUTDOWN_TIMEOUT, null, Map.of(), List.of(), Map.of());
    }
}
