package io.partner.ppm.cli.client;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
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

    void start(String name);

    void stop(String name);

    void restart(String name);

    void pause(String name);

    void resume(String name);

    void signal(String name, String signal);

    String addService(String definition);

    void removeService(String name);

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
