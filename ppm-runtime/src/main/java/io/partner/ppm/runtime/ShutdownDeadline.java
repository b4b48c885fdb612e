package io.partner.ppm.runtime;

import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.process.ChildProcesses;
import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The last word on {@code shutdown.timeout}: a thread of its own that shares no lock, queue or
 * output with the rest of the daemon. When the shutdown has not finished at the deadline (the
 * supervisor loop is stuck, or the daemon's output blocks its last steps), it sends SIGKILL to
 * whatever is left of the services, ends the daemon with the code it was shutting down with and,
 * in the daemon process itself, halts the JVM so that nothing (a stuck write, a shutdown hook) can
 * keep it alive.
 */
final class ShutdownDeadline {

    /** Killing and exiting take a few milliseconds: start them this much before the deadline. */
    private static final Duration MARGIN = Duration.ofMillis(50);

    private ShutdownDeadline() {
    }

    /**
     * @param leaders the pids of the services still alive (read without the supervisor loop)
     * @param halt true in the daemon process: halt the JVM with the code at the deadline
     */
    static void watch(Duration timeout, int code, CompletableFuture<Integer> exit, Supplier<Collection<Long>> leaders,
                      ChildProcesses children, Consumer<String> log, boolean halt) {
        Duration wait = timeout.minus(MARGIN);
        Thread.ofPlatform().name("ppm-shutdown-deadline").daemon().start(() -> {
            try {
                exit.get(Math.max(0, wait.toNanos()), TimeUnit.NANOSECONDS);
                return;
            } catch (TimeoutException late) {
                // Handled below.
            } catch (InterruptedException e) {
                return;
            } catch (Exception failed) {
                // The shutdown failed: nothing left to wait for, the deadline applies now.
            }
            killLeftovers(leaders.get(), children);
            log.accept("shutdown did not finish within " + timeout.toMillis() + " ms: killed what was left");
            exit.complete(code);
            if (halt) {
                Runtime.getRuntime().halt(code);
            }
        });
    }

    private static void killLeftovers(Collection<Long> leaders, ChildProcesses children) {
        try {
            for (Set<Long> tree : children.processTrees(leaders).values()) {
                tree.forEach(pid -> children.signal(pid, Signal.KILL.number()));
            }
            leaders.forEach(pid -> children.signalGroup(pid, Signal.KILL.number()));
        } catch (RuntimeException e) {
            // Best effort: the kernel kills the rest when PID 1 exits.
        }
        children.killAllOthersAsInit();
    }
}
