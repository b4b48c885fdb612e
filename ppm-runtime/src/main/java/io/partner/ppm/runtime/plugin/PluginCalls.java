package io.partner.ppm.runtime.plugin;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The threads one plugin's code runs on, so that no daemon thread (the supervisor loop, a management
 * thread, the event thread, the shutdown) ever runs plugin code without a deadline.
 *
 * <p>Two threads per plugin: {@code ppm-plugin-ID} for its life cycle, configuration calls and events
 * (in order), and {@code ppm-plugin-ID-policy} for restart decisions, which must not wait behind a slow
 * listener. A call that overruns its deadline, or an event backlog the plugin cannot keep up with,
 * fails the plugin for good: its threads are interrupted and left to die, queued calls are dropped,
 * and every later call fails at once. The callers then do without the plugin.
 */
final class PluginCalls {

    /** Events that may wait for a plugin's listener before the plugin is deemed stuck. */
    static final int EVENT_BACKLOG = 1000;

    /** Watches the calls nobody waits for (events): one shared thread that only flags overruns. */
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ppm-plugin-watchdog").daemon().factory());

    private final String pluginId;
    private final Duration eventDeadline;
    private final ThreadPoolExecutor main;
    private final ThreadPoolExecutor decisions;
    private volatile String failure;
    private volatile Consumer<String> onFailure = reason -> { };

    PluginCalls(String pluginId, Duration eventDeadline) {
        this.pluginId = pluginId;
        this.eventDeadline = eventDeadline;
        this.main = lane("ppm-plugin-" + pluginId, EVENT_BACKLOG);
        this.decisions = lane("ppm-plugin-" + pluginId + "-policy", 64);
    }

    private static ThreadPoolExecutor lane(String name, int backlog) {
        return new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(backlog),
                Thread.ofPlatform().name(name).daemon().factory());
    }

    /** Called once, with the reason, when the plugin fails; it must return quickly. */
    void onFailure(Consumer<String> listener) {
        this.onFailure = listener;
    }

    /** Why the plugin was given up on, or null while it is healthy. */
    String failure() {
        return failure;
    }

    /**
     * Runs {@code code} on the plugin's thread and waits at most {@code deadline}. An overrun fails the
     * plugin. An exception (or error) thrown by the code comes back as a {@link PluginFault} whose cause
     * it is, without failing the plugin: the caller decides (a validation's IllegalArgumentException is
     * an answer, not a fault).
     */
    <T> T call(String what, Duration deadline, Callable<T> code) throws PluginFault {
        return await(what, deadline, submit(main, what, code));
    }

    /** As {@link #call}, on the thread kept for restart decisions. */
    <T> T decide(String what, Duration deadline, Callable<T> code) throws PluginFault {
        return await(what, deadline, submit(decisions, what, code));
    }

    /**
     * Runs {@code code} on the plugin's thread later, in order with its other calls, and returns at once.
     * An exception fails the plugin; so does an overrun of the event deadline or a full backlog.
     */
    void post(String what, Runnable code) {
        if (failure != null) {
            return;
        }
        try {
            main.execute(() -> runWatched(what, code));
        } catch (RejectedExecutionException full) {
            fail(what + ": " + EVENT_BACKLOG + " calls are waiting, the plugin does not keep up");
        }
    }

    private void runWatched(String what, Runnable code) {
        if (failure != null) {
            return;
        }
        ScheduledFuture<?> dog = WATCHDOG.schedule(
                () -> fail(what + " did not return within " + format(eventDeadline)), eventDeadline.toNanos(), TimeUnit.NANOSECONDS);
        try {
            code.run();
        } catch (Throwable t) {
            fail(what + " failed: " + JarLoader.describe(t));
        } finally {
            dog.cancel(false);
        }
    }

    /** Gives up on the plugin: later calls fail at once, its threads are interrupted and left to die. */
    void fail(String reason) {
        synchronized (this) {
            if (failure != null) {
                return;
            }
            failure = reason;
        }
        drop(main.shutdownNow());
        drop(decisions.shutdownNow());
        onFailure.accept(reason);
    }

    /** Lets the queued calls finish and then ends the threads (the plugin was unloaded). */
    void close() {
        main.shutdown();
        decisions.shutdown();
    }

    private <T> Future<T> submit(ThreadPoolExecutor lane, String what, Callable<T> code) throws PluginFault {
        String failed = failure;
        if (failed != null) {
            throw new PluginFault(unusable(failed), null, true);
        }
        try {
            return lane.submit(code);
        } catch (RejectedExecutionException e) {
            String reason = failure != null ? unusable(failure) : what + ": the plugin is busy with too many calls";
            throw new PluginFault(reason, null, true);
        }
    }

    private <T> T await(String what, Duration deadline, Future<T> future) throws PluginFault {
        try {
            return future.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            String reason = what + " did not return within " + format(deadline);
            fail(reason);
            throw new PluginFault(reason, null, true);
        } catch (CancellationException e) {
            throw new PluginFault(unusable(failure), null, true);
        } catch (ExecutionException e) {
            throw new PluginFault(what + " failed: " + JarLoader.describe(e.getCause()), e.getCause(), false);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginFault(what + ": interrupted while waiting for the plugin", e, false);
        }
    }

    private String unusable(String reason) {
        return "plugin " + pluginId + " was given up on earlier (" + reason + ")";
    }

    private static void drop(List<Runnable> queued) {
        for (Runnable call : queued) {
            if (call instanceof Future<?> waitedFor) {
                waitedFor.cancel(false);
            }
        }
    }

    static String format(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    /** A plugin call that did not give an answer: it overran, the plugin is failed, or the code threw. */
    static final class PluginFault extends Exception {

        private final boolean pluginGone;

        PluginFault(String message, Throwable cause, boolean pluginGone) {
            super(message, cause, false, false);
            this.pluginGone = pluginGone;
        }

        /** True when the plugin has been failed (an overrun, or failed before): nothing more to decide. */
        boolean pluginGone() {
            return pluginGone;
        }
    }
}
