package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * One service and everything the supervisor knows about it. The mutable fields belong to the
 * supervisor loop; other threads read the immutable {@link Snapshot} published after each change.
 */
final class ManagedService {

    /** Where a service came from: the configuration file (a reload may change or remove it) or a request at run time. */
    enum Origin { CONFIG, RUNTIME }

    /** The published view of the loop-confined state. */
    record Snapshot(ServiceState state, long pid, int restarts, int totalRestarts, long nextRestartAt,
                    boolean gaveUp, ExitStatus lastExit, String reason, long startedAt) {
    }

    volatile ServiceSpec spec;
    Origin origin;
    ServiceState state = ServiceState.CREATED;
    long pid;
    long startedAt;
    int restarts;
    int totalRestarts;
    long nextRestartAt;
    boolean gaveUp;
    ExitStatus lastExit;
    String reason = "not started";

    /** The shell's code for a command that could not be started (127 not found, 126 otherwise); 0 after a real end. */
    int spawnFailureCode;

    /** Waiting for its dependencies before its first start. */
    boolean waiting;
    /** The current (or last) process end was asked for: no restart. */
    boolean stopRequested;
    /** What to do once the process has ended and its tree is gone. */
    Runnable afterStop;
    ScheduledFuture<?> pendingRestart;
    /** A start waiting for its env_file to be read off the loop; cancelled like a pending restart. */
    java.util.concurrent.CompletableFuture<?> pendingStart;
    StopProcedure stopping;

    private volatile Snapshot snapshot;
    private volatile ServiceStats stats = ServiceStats.NONE;
    private final Map<String, String> details = new ConcurrentHashMap<>();

    ManagedService(ServiceSpec spec, Origin origin) {
        this.spec = spec;
        this.origin = origin;
        publish();
    }

    String name() {
        return spec.name();
    }

    boolean alive() {
        return state.isAlive();
    }

    /** Called by the loop after every change, so readers see a consistent state. */
    void publish() {
        snapshot = new Snapshot(state, pid, restarts, totalRestarts, nextRestartAt, gaveUp, lastExit, reason, startedAt);
    }

    Snapshot snapshot() {
        return snapshot;
    }

    void stats(ServiceStats value) {
        stats = value;
    }

    void detail(String key, String value) {
        if (value == null) {
            details.remove(key);
        } else {
            details.put(key, value);
        }
    }

    /** The service as reports show it at {@code now} (epoch milliseconds). Safe from any thread. */
    ServiceInfo info(long now) {
        Snapshot s = snapshot;
        ServiceSpec currentSpec = spec;
        boolean live = s.state().isAlive();
        ExitStatus exit = s.lastExit();
        return new ServiceInfo(
                currentSpec.name(),
                s.state(),
                live ? s.pid() : 0,
                currentSpec.commandLine(),
                s.restarts(),
                s.totalRestarts(),
                s.nextRestartAt(),
                s.gaveUp(),
                exit == null || exit.isSignal() ? -1 : exit.exitCode(),
                exit == null ? null : exit.signalName(),
                s.reason(),
                s.startedAt(),
                live ? Math.max(0, now - s.startedAt()) : 0,
                live ? stats : ServiceStats.NONE,
                Map.copyOf(details));
    }
}
