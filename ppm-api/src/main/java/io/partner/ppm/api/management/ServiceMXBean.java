package io.partner.ppm.api.management;

import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;

/**
 * One service, registered as {@code ppm:type=Service,name=NAME} (see {@link ObjectNames#service}).
 * The MBean appears when the service is added and disappears when it is removed.
 *
 * <p>Notifications: an {@link javax.management.AttributeChangeNotification} on {@code State} for every
 * state change (old and new values are the state labels, e.g. {@code Running}), plus
 * {@link #RESTARTED} when the daemon restarts the service on its own and {@link #GAVE_UP} when its
 * restart budget is exhausted.
 *
 * <p>Operations throw only {@link IllegalArgumentException} (bad input, e.g. an unknown signal) and
 * {@link IllegalStateException} (the request does not fit the service's state), with a one-line
 * message; a failed operation changes nothing.
 */
public interface ServiceMXBean {

    /** Notification type sent when the daemon restarted the service after it ended. */
    String RESTARTED = "ppm.service.restarted";

    /** Notification type sent when the service's restart budget is exhausted; it stays {@code Crashed}. */
    String GAVE_UP = "ppm.service.gaveup";

    /** The service name. */
    String getName();

    /** {@code Created}, {@code Running}, {@code Finished}, {@code Stopped} or {@code Crashed}. */
    String getState();

    /** The process id while alive, else 0. */
    long getPid();

    /** Exit code of the last run, -1 when none or when a signal killed it. */
    int getExitCode();

    /** Name of the signal that killed the last run ({@code KILL}), or null. */
    String getSignal();

    /** Consecutive automatic restarts so far. */
    int getRestarts();

    /** Every automatic restart since the service was added. */
    int getTotalRestarts();

    /** Epoch milliseconds of the scheduled restart, 0 when none is waiting. */
    long getNextRestart();

    /** True when the daemon gave up restarting the service. */
    boolean isGaveUp();

    /** One line on why the service is in its state. */
    String getReason();

    /** The command line. */
    String getCommand();

    /** Milliseconds the current run has been alive, 0 when not alive. */
    long getUptime();

    /** Everything above in one call. */
    ServiceInfo getInfo();

    /** The latest resource sample of the service's process tree. */
    ServiceStats getStats();

    /** The recent CPU and memory samples of the service, oldest first. */
    ServiceHistory getHistory();

    /** Starts the service when it is not alive. */
    void start();

    /** Stops the service (its stop signal, then SIGKILL after its stop timeout); it is not restarted. */
    void stop();

    /** Stops the service if alive, then starts it again. */
    void restart();

    /** Sends a signal, by name ({@code TERM}, {@code SIGHUP}) or number, to the service's process group. */
    void signal(String name);

    /** Pauses the service with SIGSTOP. */
    void pause();

    /** Resumes a paused service with SIGCONT. */
    void resume();
}
