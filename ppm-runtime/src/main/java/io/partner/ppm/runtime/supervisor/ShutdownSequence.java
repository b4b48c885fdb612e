package io.partner.ppm.runtime.supervisor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The daemon's shutdown: services stop level by level in reverse dependency order, each level within
 * its services' {@code stop_timeout}, all of it within one deadline; shortly before the deadline
 * whatever is still alive gets SIGKILL. Runs on the supervisor loop, which calls {@link #advance()}
 * whenever a stop may have progressed.
 */
final class ShutdownSequence {

    /** How a service stop is begun (the supervisor's stop procedure). */
    @FunctionalInterface
    interface Stopper {
        void beginStop(ManagedService service, Duration timeout, TreeSnapshot trees);
    }

    /** SIGKILL everything this long before the deadline, so the kernel has time to tear processes down. */
    private static final long KILL_MARGIN_NANOS = TimeUnit.MILLISECONDS.toNanos(300);

    private final Map<String, ManagedService> services;
    private final Stopper stopper;
    private final Supplier<TreeSnapshot> trees;
    private final CompletableFuture<Void> done;
    private final long deadline;
    private final Deque<List<String>> levels;
    private List<ManagedService> current = List.of();
    private boolean killedAll;

    /** @param trees a fresh snapshot of every service's process tree (read on first use) */
    ShutdownSequence(Map<String, ManagedService> services, Duration timeout, Stopper stopper, Supplier<TreeSnapshot> trees,
                     CompletableFuture<Void> done) {
        this.services = services;
        this.stopper = stopper;
        this.trees = trees;
        this.done = done;
        this.deadline = System.nanoTime() + timeout.toNanos();
        this.levels = new ArrayDeque<>(Dependencies.stopOrder(services.values().stream().map(ManagedService::spec).toList()));
    }

    CompletableFuture<Void> done() {
        return done;
    }

    /** Starts the next level once the current one is down; kills everything near the deadline; completes when nothing is left. */
    void advance() {
        long now = System.nanoTime();
        TreeSnapshot snapshot = trees.get();
        if (!killedAll && now - (deadline - KILL_MARGIN_NANOS) >= 0) {
            killedAll = true;
            levels.clear();
            killAll(services, stopper, snapshot);
        }
        while (current.stream().noneMatch(ShutdownSequence::running) && !levels.isEmpty()) {
            current = levels.poll().stream().map(services::get).filter(Objects::nonNull).toList();
            long remaining = Math.max(0, deadline - KILL_MARGIN_NANOS - now);
            for (ManagedService service : current) {
                if (service.alive() && service.stopping() == null) {
                    Duration stopTimeout = service.spec().stopTimeout();
                    stopper.beginStop(service, stopTimeout.toNanos() < remaining ? stopTimeout : Duration.ofNanos(remaining),
                            snapshot);
                }
            }
        }
        boolean nothingLeft = levels.isEmpty() && services.values().stream().noneMatch(ShutdownSequence::running);
        if (nothingLeft || now - deadline >= 0) {
            done.complete(null);
        }
    }

    /** SIGKILL to every service tree at once: those being stopped and those still untouched. */
    static void killAll(Map<String, ManagedService> services, Stopper stopper, TreeSnapshot trees) {
        for (ManagedService service : services.values()) {
            if (service.stopping() != null) {
                service.stopping().killNow(trees);
            } else if (service.alive()) {
                stopper.beginStop(service, Duration.ZERO, trees);
            }
        }
    }

    private static boolean running(ManagedService service) {
        return service.alive() || service.stopping() != null;
    }
}
