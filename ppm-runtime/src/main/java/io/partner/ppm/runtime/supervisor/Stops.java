package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ServiceState;
import io.partner.ppm.runtime.process.ChildProcesses;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * The stops in progress, and the daemon's shutdown made of them: begins a service's
 * {@link StopProcedure}, polls every procedure every few milliseconds until its whole tree is gone,
 * then runs what waited for that stop. Runs on the supervisor loop.
 */
final class Stops {

    private static final Duration POLL = Duration.ofMillis(10);

    private final ChildProcesses children;
    private final SupervisorLoop loop;
    private final Map<String, ManagedService> services;
    private ScheduledFuture<?> ticker;
    private ShutdownSequence shutdown;

    /** @param services the supervisor's services (a live view, in order) */
    Stops(ChildProcesses children, SupervisorLoop loop, Map<String, ManagedService> services) {
        this.children = children;
        this.loop = loop;
        this.services = services;
    }

    boolean shuttingDown() {
        return shutdown != null;
    }

    /** Asks the service's process to end: no restart follows; its tree gets the stop signal unless a stop is under way. */
    void begin(ManagedService service, Duration timeout) {
        begin(service, timeout, treeOf(service));
    }

    void begin(ManagedService service, Duration timeout, TreeSnapshot trees) {
        service.stopAsked();
        if (service.stopping() == null && service.alive()) {
            StopProcedure stopping = new StopProcedure(children, service.pid(), System.nanoTime() + timeout.toNanos());
            service.stopping(stopping);
            stopping.begin(service.spec().stopSignal(), service.state() == ServiceState.STOPPED, trees);
            pollUntilDone();
        }
    }

    /** Stops what an ended process left behind in {@code trees} within its {@code stop_timeout}; then {@code then} runs. */
    void leftovers(ManagedService service, TreeSnapshot trees, Runnable then) {
        StopProcedure stopping = new StopProcedure(children, service.pid(),
                System.nanoTime() + service.spec().stopTimeout().toNanos());
        service.stopping(stopping);
        stopping.begin(service.spec().stopSignal(), false, trees);
        service.afterStop(then);
        pollUntilDone();
    }

    /** Completes the stops whose whole tree is gone (and whose end the loop has seen). */
    void poll() {
        long now = System.nanoTime();
        TreeSnapshot trees = treesOfAll();
        boolean anyLeft = false;
        for (ManagedService service : List.copyOf(services.values())) {
            StopProcedure stopping = service.stopping();
            if (stopping == null) {
                continue;
            }
            if (stopping.poll(now, trees) && !service.alive()) {
                Runnable then = service.stopped();
                if (then != null) {
                    then.run();
                }
            } else {
                anyLeft = true;
            }
        }
        if (shutdown != null) {
            shutdown.advance();
            anyLeft |= !shutdown.done().isDone();
        }
        if (!anyLeft && ticker != null) {
            ticker.cancel(false);
            ticker = null;
        }
    }

    /** Begins the daemon's shutdown (see {@link ShutdownSequence}); a second call waits for the first. */
    void shutdown(Duration timeout, CompletableFuture<Void> done) {
        if (shutdown != null) {
            shutdown.done().whenComplete((v, e) -> done.complete(null));
            return;
        }
        shutdown = new ShutdownSequence(services, timeout, this::begin, this::treesOfAll, done);
        shutdown.advance();
        pollUntilDone();
    }

    void killAll() {
        ShutdownSequence.killAll(services, this::begin, treesOfAll());
    }

    /** A snapshot of the tree of one service's process, read from /proc on first use. */
    TreeSnapshot treeOf(ManagedService service) {
        return new TreeSnapshot(children, Map.of(service.pid(), service.name()));
    }

    /** A snapshot of the trees of every service alive or being stopped, read from /proc on first use. */
    TreeSnapshot treesOfAll() {
        Map<Long, String> leaders = new HashMap<>();
        for (ManagedService service : services.values()) {
            if (service.stopping() != null) {
                leaders.put(service.stopping().leader(), service.name());
            } else if (service.alive()) {
                leaders.put(service.pid(), service.name());
            }
        }
        return new TreeSnapshot(children, leaders);
    }

    /** Polls every few milliseconds; {@link #poll()} ends it when no stop is left. */
    private void pollUntilDone() {
        if (ticker == null) {
            ticker = loop.every("checking the stops in progress", this::poll, POLL);
        }
    }
}
