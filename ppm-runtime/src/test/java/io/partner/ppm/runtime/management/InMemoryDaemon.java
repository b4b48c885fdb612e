package io.partner.ppm.runtime.management;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import io.partner.ppm.runtime.DaemonControl;
import io.partner.ppm.runtime.logs.LogLine;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A daemon that keeps its services in memory and runs no processes: enough of {@link DaemonControl}
 * to drive the management layer and the CLI in tests. State changes happen at once and send the
 * same events the real supervisor sends, on the calling thread.
 */
public final class InMemoryDaemon implements DaemonControl, SupervisorContext {

    private final Map<String, ServiceInfo> services = new LinkedHashMap<>();
    private final Map<String, ServiceSpec> specs = new LinkedHashMap<>();
    private final Map<String, List<LogLine>> logs = new LinkedHashMap<>();
    private final List<ServiceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> pluginListeners = new CopyOnWriteArrayList<>();
    private final List<PluginInfo> plugins = new CopyOnWriteArrayList<>();
    private final AtomicLong nextPid = new AtomicLong(10_000);
    private final AtomicBoolean shutdownRequested = new AtomicBoolean();
    private final AtomicLong reloads = new AtomicLong();
    private final long startedAt = System.currentTimeMillis();
    private final AtomicLong samples = new AtomicLong();
    /** Figures a minute old at first, as if the periodic round had not come for a while. */
    private final AtomicLong lastSampleAt = new AtomicLong(startedAt - 60_000);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().factory());

    @Override
    public String version() {
        return "0.1.0-test";
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public long startedAt() {
        return startedAt;
    }

    @Override
    public Optional<Path> configFile() {
        return Optional.empty();
    }

    @Override
    @SuppressWarnings("unchecked")
    public ServiceSpec parseService(String definition) {
        Map<String, Object> map;
        try {
            map = new ObjectMapper(new YAMLFactory()).readValue(definition, Map.class);
        } catch (Exception e) {
            throw new IllegalArgumentException("service definition is not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (map == null || !(map.get("name") instanceof String name)) {
            throw new IllegalArgumentException("service definition: 'name' is missing");
        }
        Object command = map.get("command");
        List<String> argv;
        boolean shell = false;
        if (command instanceof String text) {
            argv = List.of(text);
            shell = true;
        } else if (command instanceof List<?> list) {
            argv = list.stream().map(String::valueOf).toList();
        } else {
            throw new IllegalArgumentException("service '" + name + "': 'command' is missing");
        }
        Map<String, String> env = new LinkedHashMap<>();
        if (map.get("env") instanceof Map<?, ?> given) {
            given.forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
        }
        String restart = map.get("restart") instanceof String r ? r : ServiceSpec.DEFAULT_RESTART;
        if (!List.of(ServiceSpec.ON_FAILURE, ServiceSpec.ALWAYS, ServiceSpec.NEVER).contains(restart)) {
            throw new IllegalArgumentException("service '" + name + "': unknown restart policy '" + restart + "'");
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        if (map.get("schedule") != null) {
            extensions.put("schedule", map.get("schedule"));
        }
        return ServiceSpec.builder(name, argv).shell(shell).cwd((String) map.get("cwd")).env(env).restart(restart)
                .extensions(extensions).build();
    }

    @Override
    public synchronized String configurationYaml() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (ServiceSpec spec : specs.values()) {
            yaml.append("  - name: ").append(spec.name()).append('\n');
            yaml.append("    command: [");
            yaml.append(String.join(", ", spec.command().stream().map(a -> "\"" + a + "\"").toList()));
            yaml.append("]\n");
        }
        return yaml.toString();
    }

    @Override
    public void reload() {
        reloads.incrementAndGet();
    }

    public long reloads() {
        return reloads.get();
    }

    @Override
    public void shutdown() {
        shutdownRequested.set(true);
    }

    public boolean shutdownRequested() {
        return shutdownRequested.get();
    }

    @Override
    public DaemonStats daemonStats() {
        return new DaemonStats(50_000_000, 10_000_000, 32_000_000, 20, 0.5, System.currentTimeMillis() - startedAt,
                lastSampleAt.get());
    }

    @Override
    public ContainerStats containerStats() {
        return new ContainerStats(2, 100_000_000, 512_000_000, 1.5, true, 2, 8_000_000_000L, 4_000_000_000L, 0.5, 0.4, 0.3,
                System.currentTimeMillis());
    }

    @Override
    public ServiceHistory history(String service) {
        require(service);
        return new ServiceHistory(service, new double[] {1.0, 2.0}, new long[] {100, 200}, 5_000);
    }

    @Override
    public void sampleNow() {
        samples.incrementAndGet();
        lastSampleAt.set(System.currentTimeMillis());
    }

    /** How many times {@link #sampleNow} was called. */
    public long samples() {
        return samples.get();
    }

    @Override
    public synchronized List<LogLine> logs(String service, long afterSeq, int max) {
        List<LogLine> result = new ArrayList<>();
        for (LogLine line : logs.getOrDefault(service, List.of())) {
            if (line.seq() > afterSeq && result.size() < max) {
                result.add(line);
            }
        }
        return result;
    }

    /** Appends a line to a service's output, as if it had written it. */
    public synchronized void write(String service, LogLine.Stream stream, String text) {
        List<LogLine> lines = logs.computeIfAbsent(service, s -> new ArrayList<>());
        lines.add(new LogLine(lines.size() + 1, service, stream, System.currentTimeMillis(), text));
    }

    @Override
    public List<PluginInfo> plugins() {
        return List.copyOf(plugins);
    }

    public void setPlugins(List<PluginInfo> value) {
        plugins.clear();
        plugins.addAll(value);
        pluginListeners.forEach(Runnable::run);
    }

    /** Changes the plugins without telling subscribers, as a daemon that does not report changes would. */
    public void setPluginsQuietly(List<PluginInfo> value) {
        plugins.clear();
        plugins.addAll(value);
    }

    @Override
    public AutoCloseable subscribePlugins(Runnable listener) {
        pluginListeners.add(listener);
        return () -> pluginListeners.remove(listener);
    }

    @Override
    public SupervisorContext supervisor() {
        return this;
    }

    @Override
    public synchronized List<ServiceInfo> services() {
        return List.copyOf(services.values());
    }

    @Override
    public synchronized Optional<ServiceInfo> service(String name) {
        return Optional.ofNullable(services.get(name));
    }

    @Override
    public synchronized Optional<ServiceSpec> spec(String name) {
        return Optional.ofNullable(specs.get(name));
    }

    @Override
    public void start(String name) {
        ServiceInfo info = require(name);
        if (info.state().isAlive()) {
            throw new IllegalStateException("service '" + name + "' is already running");
        }
        change(name, ServiceState.RUNNING, nextPid.incrementAndGet(), ServiceEvent.Type.STARTED, -1, null);
    }

    @Override
    public void stop(String name) {
        ServiceInfo info = require(name);
        if (info.state().isAlive()) {
            change(name, ServiceState.FINISHED, 0, ServiceEvent.Type.FINISHED, -1, "TERM");
        }
    }

    @Override
    public void restart(String name) {
        stop(name);
        start(name);
    }

    @Override
    public void signal(String name, Signal signal) {
        ServiceInfo info = require(name);
        if (!info.state().isAlive()) {
            throw new IllegalStateException("service '" + name + "' is not running");
        }
        switch (signal) {
            case STOP, TSTP -> change(name, ServiceState.STOPPED, info.pid(), ServiceEvent.Type.PAUSED, -1, null);
            case CONT -> change(name, ServiceState.RUNNING, info.pid(), ServiceEvent.Type.RESUMED, -1, null);
            case TERM -> change(name, ServiceState.FINISHED, 0, ServiceEvent.Type.FINISHED, -1, "TERM");
            case KILL -> change(name, ServiceState.CRASHED, 0, ServiceEvent.Type.CRASHED, -1, "KILL");
            default -> { }
        }
    }

    /** Lets a running service crash, then restarts it as the supervisor would (RESTARTED event). */
    public void crashAndRestart(String name) {
        signal(name, Signal.KILL);
        ServiceInfo crashed = require(name);
        synchronized (this) {
            services.put(name, copy(crashed, crashed.state(), crashed.pid(), crashed.restarts() + 1, crashed.lastExitCode(),
                    crashed.lastSignal(), false));
        }
        change(name, ServiceState.RUNNING, nextPid.incrementAndGet(), ServiceEvent.Type.RESTARTED, -1, null);
    }

    /** Lets a running service crash for good (GAVE_UP event). */
    public void crashAndGiveUp(String name) {
        signal(name, Signal.KILL);
        ServiceInfo crashed = require(name);
        synchronized (this) {
            services.put(name, copy(crashed, crashed.state(), 0, crashed.restarts(), 1, null, true));
        }
        publish(ServiceEvent.Type.GAVE_UP, name, null, ServiceState.CRASHED, crashed.restarts());
    }

    @Override
    public void add(ServiceSpec spec) {
        synchronized (this) {
            if (services.containsKey(spec.name())) {
                throw new IllegalArgumentException("a service named '" + spec.name() + "' already exists");
            }
            specs.put(spec.name(), spec);
            services.put(spec.name(), new ServiceInfo(spec.name(), ServiceState.CREATED, 0, spec.commandLine(), 0, 0, 0,
                    false, -1, null, "", 0, 0, ServiceStats.NONE, Map.of()));
        }
        publish(ServiceEvent.Type.ADDED, spec.name(), null, ServiceState.CREATED, 0);
        if (spec.autostart()) {
            start(spec.name());
        }
    }

    @Override
    public void remove(String name) {
        ServiceInfo info = require(name);
        if (info.state().isAlive()) {
            stop(name);
        }
        synchronized (this) {
            services.remove(name);
            specs.remove(name);
            logs.remove(name);
        }
        publish(ServiceEvent.Type.REMOVED, name, null, ServiceState.FINISHED, 0);
    }

    @Override
    public synchronized void setDetail(String service, String key, String value) {
        ServiceInfo info = require(service);
        Map<String, String> details = new LinkedHashMap<>(info.details());
        if (value == null) {
            details.remove(key);
        } else {
            details.put(key, value);
        }
        services.put(service, new ServiceInfo(info.name(), info.state(), info.pid(), info.command(), info.restarts(),
                info.totalRestarts(), info.nextRestartAt(), info.gaveUp(), info.lastExitCode(), info.lastSignal(),
                info.reason(), info.startedAt(), info.uptimeMillis(), info.stats(), details));
    }

    @Override
    public AutoCloseable subscribe(ServiceEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    private synchronized ServiceInfo require(String name) {
        ServiceInfo info = services.get(name);
        if (info == null) {
            throw new IllegalArgumentException("unknown service '" + name + "'");
        }
        return info;
    }

    private void change(String name, ServiceState state, long pid, ServiceEvent.Type type, int exitCode, String signal) {
        ServiceInfo before;
        synchronized (this) {
            before = require(name);
            services.put(name, copy(before, state, pid, before.restarts(), exitCode, signal, false));
        }
        publish(type, name, before.state(), state, before.restarts());
    }

    private static ServiceInfo copy(ServiceInfo info, ServiceState state, long pid, int restarts, int exitCode, String signal,
            boolean gaveUp) {
        long now = System.currentTimeMillis();
        boolean alive = state.isAlive();
        return new ServiceInfo(info.name(), state, pid, info.command(), restarts, Math.max(restarts, info.totalRestarts()), 0,
                gaveUp, exitCode, signal, state.label(), alive ? now : info.startedAt(), alive ? 1 : 0,
                info.stats(), info.details());
    }

    private void publish(ServiceEvent.Type type, String service, ServiceState previous, ServiceState state, int restarts) {
        ServiceEvent event = new ServiceEvent(type, service, previous, state, null, restarts, 0,
                service + " " + type.name().toLowerCase(), System.currentTimeMillis());
        for (ServiceEventListener listener : listeners) {
            listener.onEvent(event);
        }
    }
}
