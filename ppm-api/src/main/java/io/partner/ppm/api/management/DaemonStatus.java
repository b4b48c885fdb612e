package io.partner.ppm.api.management;

/**
 * The daemon at a glance, read in one call ({@link DaemonMXBean#getStatus()}): what {@code ppm info}
 * prints above the services.
 *
 * @param version the PPM version
 * @param pid the daemon's process id
 * @param startedAt epoch milliseconds when the daemon started
 * @param uptimeMillis how long it has been running
 * @param configFile the configuration file loaded, or an empty string for the embedded default
 * @param services how many services it has
 * @param created services in state {@code Created}
 * @param running services in state {@code Running}
 * @param finished services in state {@code Finished}
 * @param stopped services in state {@code Stopped}
 * @param crashed services in state {@code Crashed}
 */
public record DaemonStatus(
        String version,
        long pid,
        long startedAt,
        long uptimeMillis,
        String configFile,
        int services,
        int created,
        int running,
        int finished,
        int stopped,
        int crashed) {
}
