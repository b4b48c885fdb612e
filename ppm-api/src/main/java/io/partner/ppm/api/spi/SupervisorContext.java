package io.partner.ppm.api.spi;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import javax.management.MBeanServer;

/**
 * The daemon as a plugin (or the management layer) sees it: read services, drive them, subscribe to
 * their events. Thread-safe; every operation is applied by the supervisor loop in the order received.
 *
 * <p>Operations validate their arguments and throw {@link IllegalArgumentException} with a message a
 * person can act on (unknown service, invalid name, ...) and {@link IllegalStateException} when the
 * request does not fit the service's state. A failed operation changes nothing.
 *
 * <p><b>Plugins:</b> each plugin receives a context of its own, and that context owns everything it
 * hands out: the event subscriptions, the {@link #scheduler()} and its thread, the MBeans registered
 * through {@link #mbeanServer()}, the details set with {@link #setDetail} and the plugin's interest in
 * the commands of {@link #runCommand}. When the plugin is unloaded (its jar removed or replaced), fails,
 * or the daemon shuts down, the daemon first calls {@link DaemonExtension#stop()} and then releases
 * whatever the plugin left behind, even when {@code stop()} failed or ran out of time. From then on the
 * plugin's context refuses to hand out more ({@link IllegalStateException}).
 */
public interface SupervisorContext {

    /** Every service, in configuration order. */
    List<ServiceInfo> services();

    /** One service, or empty when there is none of that name. */
    Optional<ServiceInfo> service(String name);

    /** The definition of a service, or empty. */
    Optional<ServiceSpec> spec(String name);

    /** Starts a service that is not alive (resets its restart count and gives it a new budget). */
    void start(String name);

    /** Stops a service: its stop signal, then SIGKILL after its stop timeout. It ends {@code FINISHED} and is not restarted. */
    void stop(String name);

    /** Stops the service if alive, then starts it again. */
    void restart(String name);

    /** Sends a signal to the service's process group. */
    void signal(String name, Signal signal);

    /** Adds a service and starts it when {@code autostart} is set; IllegalArgumentException if the name is taken. */
    void add(ServiceSpec spec);

    /** Stops and removes a service. */
    void remove(String name);

    /**
     * Attaches a fact about a service that {@code ppm info NAME} and the service's MBean show under
     * {@link io.partner.ppm.api.ServiceInfo#details()} (e.g. the cron plugin's {@code next_runs}).
     * A null value removes the key. A plugin's details are removed when the plugin is unloaded.
     */
    void setDetail(String service, String key, String value);

    /**
     * Subscribes to every service event; close the returned handle to unsubscribe. A plugin's
     * subscriptions are closed when the plugin is unloaded.
     */
    AutoCloseable subscribe(ServiceEventListener listener);

    /**
     * A timer for the plugin's work: one daemon thread of the plugin's own, shut down when the plugin is
     * unloaded (its pending and repeating tasks cancelled, a running task interrupted). Tasks should not
     * block for long: they hold up the plugin's other tasks.
     */
    ScheduledExecutorService scheduler();

    /** The clock the supervisor uses (injectable in tests). */
    Clock clock();

    /**
     * Runs a short command outside any service, with the daemon's own process spawner, and completes
     * with how it ended. Plugins must use this instead of {@link ProcessBuilder}: the daemon is PID 1
     * and reaps every child, so a process the plugin started itself would lose its exit status.
     *
     * <p>The command inherits the daemon's environment plus {@code env}; its output goes to the daemon's
     * log. When it is still running after {@code timeout} its process group gets SIGKILL and the future
     * completes with that. The future fails with {@link UnsupportedOperationException} when the daemon
     * cannot run commands, and with {@link IllegalArgumentException} when {@code argv} cannot be executed.
     * A command still running when its plugin is unloaded runs on until it ends or its timeout kills
     * it, but the future given to the plugin is then never completed: no plugin code runs after unload.
     *
     * @param argv the argument vector, executed as is (no shell)
     * @param env variables added to the daemon's environment
     * @param timeout how long the command may run
     */
    default CompletableFuture<ExitStatus> runCommand(List<String> argv, Map<String, String> env, Duration timeout) {
        return CompletableFuture.failedFuture(new UnsupportedOperationException("this daemon cannot run commands"));
    }

    /**
     * The MBean server the daemon's own MBeans live in, for a plugin that registers MBeans of its own.
     * The plugin may unregister them in {@link DaemonExtension#stop()}; what it registered through this
     * server and left registered is unregistered when the plugin is unloaded.
     */
    default MBeanServer mbeanServer() {
        return ManagementFactory.getPlatformMBeanServer();
    }
}
