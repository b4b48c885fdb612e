package io.partner.ppm.runtime.management;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.DaemonStatus;
import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.runtime.DaemonControl;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** {@link DaemonMXBean} over the daemon's {@link DaemonControl}: a thin adapter, JDK exceptions only. */
final class DaemonMBean implements DaemonMXBean {

    private final DaemonControl control;
    private final LogEntries logs;
    private final Runnable pluginsRead;

    /**
     * @param pluginsRead run whenever the plugins are read, so the plugin MBeans catch up with plugins
     *     dropped in or removed even when the daemon does not report changes itself
     */
    DaemonMBean(DaemonControl control, Runnable pluginsRead) {
        this.control = control;
        this.logs = new LogEntries(control);
        this.pluginsRead = pluginsRead;
    }

    @Override
    public String getVersion() {
        return control.version();
    }

    @Override
    public long getPid() {
        return control.pid();
    }

    @Override
    public long getStartedAt() {
        return control.startedAt();
    }

    @Override
    public long getUptime() {
        return Math.max(0, control.supervisor().clock().millis() - control.startedAt());
    }

    @Override
    public String getConfigFile() {
        return control.configFile().map(Path::toString).orElse("");
    }

    @Override
    public int getServiceCount() {
        return control.supervisor().services().size();
    }

    @Override
    public int getCreatedCount() {
        return count(ServiceState.CREATED);
    }

    @Override
    public int getRunningCount() {
        return count(ServiceState.RUNNING);
    }

    @Override
    public int getFinishedCount() {
        return count(ServiceState.FINISHED);
    }

    @Override
    public int getStoppedCount() {
        return count(ServiceState.STOPPED);
    }

    @Override
    public int getCrashedCount() {
        return count(ServiceState.CRASHED);
    }

    @Override
    public DaemonStatus getStatus() {
        List<ServiceInfo> services = control.supervisor().services();
        Map<ServiceState, Integer> counts = countByState(services);
        return new DaemonStatus(getVersion(), getPid(), getStartedAt(), getUptime(), getConfigFile(), services.size(),
                counts.get(ServiceState.CREATED), counts.get(ServiceState.RUNNING), counts.get(ServiceState.FINISHED),
                counts.get(ServiceState.STOPPED), counts.get(ServiceState.CRASHED));
    }

    @Override
    public List<ServiceInfo> getServices() {
        return control.supervisor().services();
    }

    @Override
    public DaemonStats getDaemonStats() {
        return control.daemonStats();
    }

    @Override
    public ContainerStats getContainerStats() {
        return control.containerStats();
    }

    @Override
    public void sample() {
        // The samplers stamp their figures with the system clock, so their age is taken on it too;
        // a clock that went backwards makes the figures stale rather than fresh forever.
        long age = System.currentTimeMillis() - control.daemonStats().sampledAt();
        if (age < 0 || age >= FRESH_SAMPLE_MILLIS) {
            control.sampleNow();
        }
    }

    @Override
    public List<PluginInfo> getPlugins() {
        pluginsRead.run();
        return control.plugins();
    }

    @Override
    public String addService(String definition) {
        return JdkExceptions.call(() -> {
            if (definition == null || definition.isBlank()) {
                throw new IllegalArgumentException("empty service definition");
            }
            ServiceSpec spec = control.parseService(definition);
            if (control.supervisor().service(spec.name()).isPresent()) {
                throw new IllegalArgumentException("a service named '" + spec.name() + "' already exists");
            }
            control.supervisor().add(spec);
            return spec.name();
        });
    }

    @Override
    public void removeService(String name) {
        JdkExceptions.run(() -> {
            ServiceLookup.require(control.supervisor(), name);
            control.supervisor().remove(name);
        });
    }

    @Override
    public List<String> stopAll() {
        return JdkExceptions.call(control::stopAll);
    }

    @Override
    public void reload() {
        JdkExceptions.run(control::reload);
    }

    @Override
    public void shutdown() {
        JdkExceptions.run(control::shutdown);
    }

    @Override
    public String configuration() {
        return JdkExceptions.call(control::configurationYaml);
    }

    @Override
    public List<LogEntry> logs(String service, long afterSeq, int max) {
        return JdkExceptions.call(() -> logs.after(service, afterSeq, max));
    }

    @Override
    public List<LogEntry> tail(String service, int lines) {
        return JdkExceptions.call(() -> logs.tail(service, lines));
    }

    @Override
    public List<LogEntry> logsSince(long sinceMillis, int max) {
        return JdkExceptions.call(() -> logs.since(sinceMillis, max));
    }

    private int count(ServiceState state) {
        return countByState(control.supervisor().services()).get(state);
    }

    private static Map<ServiceState, Integer> countByState(List<ServiceInfo> services) {
        Map<ServiceState, Integer> counts = new EnumMap<>(ServiceState.class);
        for (ServiceState state : ServiceState.values()) {
            counts.put(state, 0);
        }
        for (ServiceInfo info : services) {
            counts.merge(info.state(), 1, Integer::sum);
        }
        return counts;
    }
}
