package io.partner.ppm.runtime;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.SupervisorContext;
import io.partner.ppm.runtime.logs.LogLine;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything the management layer (MXBeans, JMX, Jolokia) needs from a running daemon: its
 * {@link SupervisorContext} for the services, plus the daemon-wide operations. Thread-safe.
 */
public interface DaemonControl {

    /** The services' operations, the same object the plugins reach through their own contexts. */
    SupervisorContext supervisor();

    String version();

    long pid();

    /** Epoch milliseconds when the daemon started. */
    long startedAt();

    /** The configuration file loaded, or empty when the daemon runs on the embedded default. */
    Optional<Path> configFile();

    /**
     * Parses a service definition written as in the {@code services:} list (YAML or JSON), with the
     * configuration's defaults applied and validated like the file.
     *
     * @throws IllegalArgumentException with one line naming what is wrong
     */
    ServiceSpec parseService(String definition);

    /** The effective configuration as YAML that the daemon accepts back unchanged. */
    String configurationYaml();

    /**
     * Re-reads the configuration file and applies the difference; IllegalArgumentException on a bad
     * file (nothing changes), IllegalStateException while the daemon is still starting (it reloads
     * once started).
     */
    void reload();

    /** Stops every service at once (see {@link io.partner.ppm.api.management.DaemonMXBean#stopAll()}); returns their names. */
    default List<String> stopAll() {
        SupervisorContext services = supervisor();
        List<String> names = services.services().stream().map(ServiceInfo::name).toList();
        names.forEach(services::stop);
        return names;
    }

    /** Starts a graceful shutdown and returns at once. */
    void shutdown();

    /** The daemon's own resource use, from the latest sample. */
    DaemonStats daemonStats();

    /** The container's (cgroup) and host's figures, from the latest sample; null before the first one. */
    ContainerStats containerStats();

    /** The recent samples of a service; IllegalArgumentException for an unknown service. */
    ServiceHistory history(String service);

    /** Takes a sample of every service now, so the next read is fresh. */
    void sampleNow();

    /** Up to {@code max} lines of a service's output with a sequence number above {@code afterSeq}, oldest first. */
    List<LogLine> logs(String service, long afterSeq, int max);

    /** The plugins the daemon knows, loaded or failed; empty when there is no plugin manager. */
    default List<PluginInfo> plugins() {
        return List.of();
    }

    /**
     * Calls {@code listener} (on any thread) whenever the set of plugins or their states change, so
     * the management layer can keep its plugin MBeans in step; close the handle to unsubscribe.
     */
    default AutoCloseable subscribePlugins(Runnable listener) {
        return () -> { };
    }
}
