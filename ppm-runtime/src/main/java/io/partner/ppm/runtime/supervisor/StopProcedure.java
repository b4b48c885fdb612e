package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.process.ChildProcesses;
import java.util.HashSet;
import java.util.Set;

/**
 * Stops a whole service: its process group, the rest of its session and the descendants seen before
 * the signal (a child that called {@code setsid} escapes the group but not that snapshot). Sends the
 * stop signal, and SIGKILL to whatever is still there at the deadline, until nothing is left.
 *
 * <p>Polling is cheap: one {@code killpg(pgid, 0)} and one {@code kill(pid, 0)} per remembered
 * process; {@code /proc} is swept only when the procedure starts and when it kills.
 */
final class StopProcedure {

    private final ChildProcesses children;
    private final long leader;
    private final long killAtNanos;
    private final Set<Long> known = new HashSet<>();
    private boolean killed;

    StopProcedure(ChildProcesses children, long leader, long killAtNanos) {
        this.children = children;
        this.leader = leader;
        this.killAtNanos = killAtNanos;
    }

    long leader() {
        return leader;
    }

    /** Takes the snapshot and sends {@code signal} to everything in it; a paused tree also gets SIGCONT so it can act on it. */
    void begin(Signal signal, boolean paused, TreeSnapshot trees) {
        known.addAll(trees.of(leader));
        known.add(leader);
        sendToAll(signal.number());
        if (paused && signal != Signal.KILL) {
            sendToAll(Signal.CONT.number());
        }
    }

    /** @return true once no process of the service is left; sends SIGKILL once the deadline has passed */
    boolean poll(long nowNanos, TreeSnapshot trees) {
        if (!killed && nowNanos - killAtNanos >= 0) {
            killNow(trees);
        }
        return nothingLeft();
    }

    /** SIGKILL to the group, the session and everything remembered, at once. */
    void killNow(TreeSnapshot trees) {
        killed = true;
        known.addAll(trees.of(leader));
        sendToAll(Signal.KILL.number());
    }

    boolean killed() {
        return killed;
    }

    private void sendToAll(int signal) {
        children.signalGroup(leader, signal);
        for (long pid : known) {
            children.signal(pid, signal);
        }
    }

    private boolean nothingLeft() {
        if (children.signalGroup(leader, 0)) {
            return false;
        }
        known.removeIf(pid -> !children.signal(pid, 0));
        return known.isEmpty();
    }
}
