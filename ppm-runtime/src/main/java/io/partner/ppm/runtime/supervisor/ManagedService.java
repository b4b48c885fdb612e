package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.spi.RestartContext;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;

/**
 * One service and everything the supervisor knows about it. The supervisor decides <em>when</em>
 * a service starts, ends, pauses or restarts; the transition methods here know <em>how</em>: which
 * fields change together, and each publishes an immutable {@link Snapshot} for other threads. The
 * mutable state belongs to the supervisor loop.
 */
final class ManagedService {

    /** Where a service came from: the configuration file (a reload may change or remove it) or a request at run time. */
    enum Origin { CONFIG, RUNTIME }

    /** The published view of the loop-confined state. */
    record Snapshot(ServiceState state, long pid, int restarts, int totalRestarts, long nextRestartAt,
                    boolean gaveUp, ExitStatus lastExit, String reason, long startedAt) {
    }

    private volatile ServiceSpec spec;
    private Origin origin;
    private ServiceState state = ServiceState.CREATED;
    private long pid;
    private long startedAt;
    private int restarts;
    private int totalRestarts;
    private long nextRestartAt;
    private boolean gaveUp;
    private ExitStatus lastExit;
    private String reason = "not started";

    /** The shell's code for a command that could not be started (127 not found, 126 otherwise); 0 after a real end. */
    private int spawnFailureCode;

    /** Waiting for its dependencies before its first start. */
    private boolean waiting;
    /** The current (or last) process end was asked for: no restart. */
    private boolean stopRequested;
    /** What to do once the process has ended and its tree is gone. */
    private Runnable afterStop;
    private ScheduledFuture<?> pendingRestart;
    /** A start waiting for its env_file to be read off the loop; cancelled like a pending restart. */
    private CompletableFuture<?> pendingStart;
    private StopProcedure stopping;

    private volatile Snapshot snapshot;
    private volatile ServiceStats stats = ServiceStats.NONE;
    private final Map<String, String> details = new ConcurrentHashMap<>();

    ManagedService(ServiceSpec spec, Origin origin) {
        this.spec = spec;
        this.origin = origin;
        publish();
    }

    // ---------------------------------------------------------------- reading (loop)

    String name() {
        return spec.name();
    }

    ServiceSpec spec() {
        return spec;
    }

    Origin origin() {
        return origin;
    }

    ServiceState state() {
        return state;
    }

    long pid() {
        return pid;
    }

    ExitStatus lastExit() {
        return lastExit;
    }

    String reason() {
        return reason;
    }

    boolean alive() {
        return state.isAlive();
    }

    boolean waiting() {
        return waiting;
    }

    boolean stopRequested() {
        return stopRequested;
    }

    /** The stop in progress (asked for, or of what a process left behind), or null. */
    StopProcedure stopping() {
        return stopping;
    }

    /** What the daemon exits with when this is its {@code exit_with} service: the last exit's shell code. */
    int shellCode() {
        return lastExit != null ? lastExit.shellCode() : spawnFailureCode;
    }

    RestartContext restartContext(Instant now) {
        return new RestartContext(spec, state, lastExit, restarts, now);
    }

    /** The event of {@code type}, after a transition from {@code previous} (null when the state did not change). */
    ServiceEvent event(ServiceEvent.Type type, ServiceState previous, String message, long now) {
        boolean ended = type == ServiceEvent.Type.FINISHED || type == ServiceEvent.Type.CRASHED;
        return new ServiceEvent(type, name(), previous, state, ended ? lastExit : null,
                restarts, nextRestartAt, message, now);
    }

    // ---------------------------------------------------------------- definition

    /** A reload: the file now defines this service (it may have been added at run time). */
    void definedByConfig() {
        origin = Origin.CONFIG;
    }

    void redefine(ServiceSpec newSpec) {
        spec = newSpec;
    }

    // ---------------------------------------------------------------- starting

    void waitFor(List<String> unmet) {
        waiting = true;
        reason = "waiting for " + String.join(", ", unmet);
        publish();
    }

    /** A start asked for by a user, a plugin or a reload: the restart budget starts again. */
    void freshBudget() {
        restarts = 0;
        gaveUp = false;
        publish();
    }

    /** A start is under way: no longer waiting, no restart due, and its end will not have been asked for. */
    void starting() {
        waiting = false;
        stopRequested = false;
        nextRestartAt = 0;
        publish();
    }

    /** The start waits for {@code request} (its env_file read off the loop). */
    void readingEnvFile(CompletableFuture<?> request) {
        pendingStart = request;
        reason = "starting: reading env_file " + spec.envFile();
        publish();
    }

    /** @return true if {@code request} is still the start awaited (not cancelled or replaced); it no longer is */
    boolean takePendingStart(CompletableFuture<?> request) {
        if (pendingStart != request) {
            return false;
        }
        pendingStart = null;
        return true;
    }

    /** @return the previous state */
    ServiceState started(long newPid, long now) {
        pid = newPid;
        startedAt = now;
        lastExit = null;
        return moveTo(ServiceState.RUNNING, "running");
    }

    /** @return the previous state */
    ServiceState failedToStart(String why, int shellCode) {
        pid = 0;
        startedAt = 0;
        lastExit = null;
        spawnFailureCode = shellCode;
        return moveTo(ServiceState.CRASHED, why);
    }

    // ---------------------------------------------------------------- running

    /** @return true if the service was running and now is paused */
    boolean paused(String why) {
        if (state != ServiceState.RUNNING) {
            return false;
        }
        moveTo(ServiceState.STOPPED, why);
        return true;
    }

    /** @return true if the service was paused and now runs again */
    boolean resumed() {
        if (state != ServiceState.STOPPED) {
            return false;
        }
        moveTo(ServiceState.RUNNING, "running");
        return true;
    }

    /**
     * The process ended with {@code exit} at {@code now}: a run longer than {@code backoff.reset_after}
     * gives back the restart budget.
     *
     * @return the previous state
     */
    ServiceState ended(ExitStatus exit, long now) {
        if (now - startedAt >= spec.backoff().resetAfter().toMillis()) {
            restarts = 0;
        }
        lastExit = exit;
        spawnFailureCode = 0;
        return moveTo(Termination.endState(exit, spec, stopRequested), Termination.reason(exit, stopRequested));
    }

    // ---------------------------------------------------------------- restarting

    void gaveUp() {
        gaveUp = true;
        reason = "gave up after " + restarts + " restarts; last: " + reason;
        publish();
    }

    void scheduleRestart(long at, ScheduledFuture<?> task) {
        nextRestartAt = at;
        pendingRestart = task;
        publish();
    }

    /**
     * The scheduled restart's time has come.
     *
     * @return false if a request that ran just before (a stop, a start) cancelled it
     */
    boolean restartDue() {
        if (nextRestartAt == 0) {
            return false;
        }
        pendingRestart = null;
        return true;
    }

    void restarting() {
        restarts++;
        totalRestarts++;
        publish();
    }

    /** Cancels a pending restart or a start waiting for its env_file; {@code why} (if not null) becomes the reason. */
    void cancelRestart(String why) {
        if (pendingStart != null) {
            pendingStart = null; // its completion finds itself replaced and does nothing
            reasonIfGiven(why);
        }
        if (pendingRestart != null) {
            pendingRestart.cancel(false);
            pendingRestart = null;
            nextRestartAt = 0;
            reasonIfGiven(why);
        }
        publish();
    }

    /** Cancels whatever was planned: a restart, a start waiting for dependencies or the env_file. */
    void cancelPlans(String why) {
        cancelRestart(why);
        waiting = false;
    }

    // ---------------------------------------------------------------- stopping

    /** The end of the current process is asked for: it is not restarted. */
    void stopAsked() {
        stopRequested = true;
    }

    void stopping(StopProcedure procedure) {
        stopping = procedure;
    }

    /** Once the current stop is over, {@code then} runs (null: nothing). */
    void afterStop(Runnable then) {
        afterStop = then;
    }

    /** The stop is over: no tree is left. @return what was to run afterwards, or null */
    Runnable stopped() {
        Runnable then = afterStop;
        stopping = null;
        afterStop = null;
        return then;
    }

    // ---------------------------------------------------------------- publishing

    private ServiceState moveTo(ServiceState newState, String why) {
        ServiceState previous = state;
        state = newState;
        reason = why;
        publish();
        return previous;
    }

    private void reasonIfGiven(String why) {
        if (why != null) {
            reason = why;
        }
    }

    private void publish() {
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
