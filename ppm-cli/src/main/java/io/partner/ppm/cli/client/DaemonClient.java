package io.partner.ppm.cli.client;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.management.DaemonStatus;
import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.api.management.PluginInfo;
import java.util.List;

/**
 * The daemon as the command line talks to it: the operations of {@code DaemonMXBean} and
 * {@code ServiceMXBean}, over JMX RMI or Jolokia. Every method throws
 * {@link io.partner.ppm.cli.CliException.OperationFailed} when the daemon refuses (with its one-line
 * message) and {@link io.partner.ppm.cli.CliException.Unreachable} when it cannot be reached.
 */
public interface DaemonClient extends AutoCloseable {

    /** The URL this client talks to. */
    String url();

    DaemonStatus status();

    /** Every service, in one call. */
    List<ServiceInfo> services();

    ServiceInfo service(String name);

    /** The daemon's own resource use. */
    DaemonStats daemonStats();

    /** The container's figures, or null before the daemon's first sample. */
    ContainerStats containerStats();

    /** The recent CPU and memory samples of one service, oldest first. */
    ServiceHistory history(String name);

    /**
     * Asks the daemon for a fresh sampling round (unless its latest is under a second old) and
     * returns when it is done, so the figures read next are current.
     */
    void sample();

    void start(String name);

    void stop(String name);

    void restart(String name);

    void pause(String name);

    void resume(String name);

    void signal(String name, String signal);

    String addService(String definition);

    void removeService(String name);

    /** Stops every service in one request; returns their names. */
    List<String> stopAll();

    void reload();

    void shutdown();

    String configuration();

    List<PluginInfo> plugins();

    List<LogEntry> logs(String service, long afterSeq, int max);

    List<LogEntry> tail(String service, int lines);

    List<LogEntry> logsSince(long sinceMillis, int max);

    @Override
    void close();
}
