package io.partner.ppm.runtime.config;

import java.time.Duration;

/**
 * The {@code daemon:} section once read.
 *
 * @param exitWith the service named by {@code exit_with}, or null
 * @param exitWithMark where {@code exit_with} was written, to report a name that is not a service
 */
record DaemonSettings(
        JmxConfig jmx,
        JolokiaConfig jolokia,
        LogConfig log,
        Duration statsInterval,
        PluginsConfig plugins,
        Duration shutdownTimeout,
        String exitWith,
        Mark exitWithMark,
        AuthConfig auth) {

    static final DaemonSettings DEFAULT = new DaemonSettings(JmxConfig.DEFAULT, JolokiaConfig.DEFAULT, LogConfig.DEFAULT,
            DaemonConfig.DEFAULT_STATS_INTERVAL, PluginsConfig.DEFAULT, DaemonConfig.DEFAULT_SHUTDOWN_TIMEOUT, null, null,
            AuthConfig.NONE);
}
