package io.partner.ppm.api.management;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceInfo;
import java.util.List;

/**
 * The daemon, registered as {@value ObjectNames#DAEMON}.
 *
 * <p>Attributes are read-only snapshots. Operations throw only JDK exceptions, so a remote client
 * needs nothing but this interface and the records of {@code io.partner.ppm.api}:
 * {@link IllegalArgumentException} for bad input (unknown or invalid service name, a definition that
 * does not validate) and {@link IllegalStateException} when the daemon refuses the request. Every
 * message is one line a person can act on; a failed operation changes nothing.
 */
public interface DaemonMXBean {

    /** The name this MBean is registered under. */
    String OBJECT_NAME = ObjectNames.DAEMON;

    /** How old, at most, the latest round may be for {@link #sample()} not to take another. */
    long FRESH_SAMPLE_MILLIS = 1_000;

    /** The PPM version, e.g. {@code 0.1.0}. */
    String getVersion();

    /** The daemon's process id. */
    long getPid();

    /** Epoch milliseconds when the daemon started. */
    long getStartedAt();

    /** Milliseconds since the daemon started. */
    long getUptime();

    /** The configuration file loaded, or an empty string when the daemon runs on the embedded default. */
    String getConfigFile();

    /** How many services the daemon has. */
    int getServiceCount();

    /** Services in state {@code Created}. */
    int getCreatedCount();

    /** Services in state {@code Running}. */
    int getRunningCount();

    /** Services in state {@code Finished}. */
    int getFinishedCount();

    /** Services in state {@code Stopped} (paused). */
    int getStoppedCount();

    /** Services in state {@code Crashed}. */
    int getCrashedCount();

    /** Version, pid, uptime, configuration file and the counts, in one call. */
    DaemonStatus getStatus();

    /**
     * Every service's info in configuration order, in one call: the bulk read behind {@code ppm ls}.
     * Reading this once is far cheaper than reading each service MBean.
     */
    List<ServiceInfo> getServices();

    /** The daemon's own resource use (RSS, heap, threads, CPU), from the latest sample. */
    DaemonStats getDaemonStats();

    /** The container's cgroup figures (memory use and limit, CPU quota) and the host's, from the latest sample; null before the first. */
    ContainerStats getContainerStats();

    /**
     * Samples every service, the daemon and the container now, and returns when the round is done,
     * so that the attributes read next ({@link #getServices()}, {@link #getDaemonStats()}, a
     * service's {@code Stats} and {@code History}) are fresh rather than up to one
     * {@code daemon.stats.interval} old. A round younger than {@value #FRESH_SAMPLE_MILLIS} ms is
     * fresh enough and is not repeated: CPU % is measured from one round to the next, and over a
     * shorter time it would mostly be noise. The round counts as a sample like the periodic ones (it
     * goes into the services' history).
     */
    void sample();

    /** The loaded plugins. */
    List<PluginInfo> getPlugins();

    /**
     * Adds a service, written like one entry of the {@code services:} list (YAML or JSON), and
     * starts it unless {@code autostart: false}. The service lives until it is removed and appears in
     * {@link #configuration()}.
     *
     * @return the new service's name
     * @throws IllegalArgumentException when the definition does not validate or the name is taken
     */
    String addService(String definition);

    /**
     * Stops every service at once, as {@code stop} on each would, but in one step of the supervisor:
     * their stop signals go out together and each gets SIGKILL after its own {@code stop_timeout}.
     * Returns at once.
     *
     * @return the names of the services, in order
     */
    List<String> stopAll();

    /** Stops a service and removes it. */
    void removeService(String name);

    /** Re-reads the configuration file and applies the difference; a bad file changes nothing. */
    void reload();

    /** Starts a graceful shutdown and returns at once. */
    void shutdown();

    /** The effective configuration as YAML that the daemon accepts back unchanged. */
    String configuration();

    /**
     * Up to {@code max} lines of one service's output with a sequence number above
     * {@code afterSeq}, oldest first. Following a service means calling this again with the last
     * sequence number seen.
     */
    List<LogEntry> logs(String service, long afterSeq, int max);

    /**
     * The last {@code lines} lines of one service's output, or of every service merged by time
     * when {@code service} is empty; oldest first.
     */
    List<LogEntry> tail(String service, int lines);

    /**
     * Lines of every service read at or after {@code sinceMillis}, oldest first, at most
     * {@code max}. Following every service means calling this again with the last timestamp seen
     * and dropping the lines already received (same service and sequence number).
     */
    List<LogEntry> logsSince(long sinceMillis, int max);
}
