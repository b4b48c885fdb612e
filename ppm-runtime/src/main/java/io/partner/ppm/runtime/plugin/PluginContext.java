package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import javax.management.MBeanServer;

/**
 * The daemon's {@link SupervisorContext} as one plugin receives it. It remembers the plugin's event
 * subscriptions so that unloading the plugin closes them even when the plugin forgets to, and hands
 * each event to the plugin's own thread ({@link GuardedListener}) so that one slow or failing plugin
 * cannot hold up or break event delivery for the others.
 */
final class PluginContext implements SupervisorContext, AutoCloseable {

    private final String pluginId;
    private final SupervisorContext daemon;
    private final PluginCalls calls;
    private final Set<AutoCloseable> subscriptions = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    PluginContext(String pluginId, SupervisorContext daemon, PluginCalls calls) {
        this.pluginId = pluginId;
        this.daemon = daemon;
        this.calls = calls;
    }

    @Override
    public List<ServiceInfo> services() {
        return daemon.services();
    }

    @Override
    public Optional<ServiceInfo> service(String name) {
        return daemon.service(name);
    }

    @Override
    public Optional<ServiceSpec> spec(String name) {
        return daemon.spec(name);
    }

    @Override
    public void start(String name) {
        daemon.start(name);
    }

    @Override
    public void stop(String name) {
        daemon.stop(name);
    }

    @Override
    public void restart(String name) {
        daemon.restart(name);
    }

    @Override
    public void signal(String name, Signal signal) {
        daemon.signal(name, signal);
    }

    @Override
    public void add(ServiceSpec spec) {
        daemon.add(spec);
    }

    @Override
    public void remove(String name) {
        daemon.remove(name);
    }

    @Override
    public void setDetail(String service, String key, String value) {
        daemon.setDetail(service, key, value);
    }

    @Override
    public AutoCloseable subscribe(ServiceEventListener listener) {
        AutoCloseable inner = daemon.subscribe(new GuardedListener(pluginId, listener, calls));
        AutoCloseable handle = new AutoCloseable() {
            @Override
            public void close() throws Exception {
                if (subscriptions.remove(this)) {
                    inner.close();
                }
            }
        };
        subscriptions.add(handle);
        return handle;
    }

    /**
     * A timer of the plugin's own ({@code ppm-plugin-ID-timer}), made on first use and shut down with
     * the plugin: a task that blocks holds up only this plugin's other tasks, not the daemon's timer
     * (which follows the plugin folder) nor other plugins.
     */
    @Override
    public synchronized ScheduledExecutorService scheduler() {
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("ppm-plugin-" + pluginId + "-timer").daemon().factory());
        }
        return timer;
    }

    @Override
    public Clock clock() {
        return daemon.clock();
    }

    @Override
    public CompletableFuture<ExitStatus> runCommand(List<String> argv, Map<String, String> env, Duration timeout) {
        return daemon.runCommand(argv, env, timeout);
    }

    @Override
    public MBeanServer mbeanServer() {
        return daemon.mbeanServer();
    }

    /** Closes the subscriptions the plugin left open and cancels what is left on its timer. */
    @Override
    public void close() {
        synchronized (this) {
            if (timer != null) {
                timer.shutdownNow();
            }
        }
        for (AutoCloseable subscription : List.copyOf(subscriptions)) {
            try {
                subscription.close();
            } catch (Exception e) {
                PluginHost.LOG.log(System.Logger.Level.WARNING,
                        "plugin " + pluginId + ": closing an event subscription failed: " + e);
            }
        }
    }
}
