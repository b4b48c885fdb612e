package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
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
 * The supervisor ({@link SupervisorContext}) as one plugin receives it. It owns everything it hands out:
 * the plugin's event subscriptions, its timer (and the thread under it), the MBeans it registers, the
 * service details it sets and its interest in the commands it runs. {@link #close()}, called when the
 * plugin is unloaded, stopped, failed or the daemon closes, releases all of it even when the plugin
 * forgets to, and from then on the context hands out nothing more.
 *
 * <p>Each event goes to the plugin's own thread ({@link GuardedListener}) so that one slow or failing
 * plugin cannot hold up or break event delivery for the others.
 */
final class PluginContext implements SupervisorContext, AutoCloseable {

    private final String pluginId;
    private final SupervisorContext supervisor;
    private final PluginCalls calls;
    private final Set<AutoCloseable> subscriptions = ConcurrentHashMap.newKeySet();
    /** The (service, key) pairs the plugin has set and not removed. */
    private final Set<Map.Entry<String, String>> details = new LinkedHashSet<>();
    private ScheduledExecutorService timer;
    private OwnedMBeans mbeans;
    private boolean closed;

    PluginContext(String pluginId, SupervisorContext supervisor, PluginCalls calls) {
        this.pluginId = pluginId;
        this.supervisor = supervisor;
        this.calls = calls;
    }

    @Override
    public List<ServiceInfo> services() {
        return supervisor.services();
    }

    @Override
    public Optional<ServiceInfo> service(String name) {
        return supervisor.service(name);
    }

    @Override
    public Optional<ServiceSpec> spec(String name) {
        return supervisor.spec(name);
    }

    @Override
    public void start(String name) {
        supervisor.start(name);
    }

    @Override
    public void stop(String name) {
        supervisor.stop(name);
    }

    @Override
    public void restart(String name) {
        supervisor.restart(name);
    }

    @Override
    public void signal(String name, Signal signal) {
        supervisor.signal(name, signal);
    }

    @Override
    public void add(ServiceSpec spec) {
        supervisor.add(spec);
    }

    @Override
    public void remove(String name) {
        supervisor.remove(name);
    }

    @Override
    public synchronized void setDetail(String service, String key, String value) {
        requireOpen("set details");
        supervisor.setDetail(service, key, value);
        if (value == null) {
            details.remove(Map.entry(service, key));
        } else {
            details.add(Map.entry(service, key));
        }
    }

    @Override
    public synchronized AutoCloseable subscribe(ServiceEventListener listener) {
        requireOpen("subscribe");
        AutoCloseable inner = supervisor.subscribe(new GuardedListener(pluginId, listener, calls));
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
        requireOpen("get a timer");
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(
                    Thread.ofPlatform().name("ppm-plugin-" + pluginId + "-timer").daemon().factory());
        }
        return timer;
    }

    @Override
    public Clock clock() {
        return supervisor.clock();
    }

    /**
     * Runs the command for the plugin. A command still running when the plugin goes keeps its timeout
     * (it is not killed), but the plugin is not told how it ended: no plugin code runs after its unload.
     */
    @Override
    public synchronized CompletableFuture<ExitStatus> runCommand(List<String> argv, Map<String, String> env, Duration timeout) {
        requireOpen("run commands");
        CompletableFuture<ExitStatus> forPlugin = new CompletableFuture<>();
        supervisor.runCommand(argv, env, timeout).whenComplete((status, error) -> {
            if (!isClosed()) {
                if (error == null) {
                    forPlugin.complete(status);
                } else {
                    forPlugin.completeExceptionally(error);
                }
            }
        });
        return forPlugin;
    }

    /** The daemon's MBean server, through {@link OwnedMBeans}: what the plugin leaves registered is unregistered on close. */
    @Override
    public synchronized MBeanServer mbeanServer() {
        requireOpen("register MBeans");
        if (mbeans == null) {
            mbeans = new OwnedMBeans(pluginId, supervisor.mbeanServer());
        }
        return mbeans.server();
    }

    private void requireOpen(String what) {
        if (closed) {
            throw new IllegalStateException("plugin " + pluginId + " is unloaded: it can no longer " + what);
        }
    }

    private synchronized boolean isClosed() {
        return closed;
    }

    /**
     * Releases what the plugin left behind: cancels its timer (interrupting a running task), closes its
     * subscriptions, removes the details it set and unregisters its MBeans. Idempotent.
     */
    @Override
    public void close() {
        List<Map.Entry<String, String>> leftDetails;
        OwnedMBeans leftMBeans;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (timer != null) {
                timer.shutdownNow();
            }
            leftMBeans = mbeans;
            leftDetails = List.copyOf(details);
            details.clear();
        }
        // Outside the lock: unregistering may run the plugin's MBeanRegistration code.
        if (leftMBeans != null) {
            leftMBeans.unregisterAll();
        }
        for (Map.Entry<String, String> detail : leftDetails) {
            try {
                supervisor.setDetail(detail.getKey(), detail.getValue(), null);
            } catch (RuntimeException serviceGone) {
                // The service was removed meanwhile, and its details with it.
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
