package io.partner.ppm.runtime.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The loop of the single reaper thread. It waits for any child to change state without consuming
 * the event ({@code waitid(P_ALL, ..., WNOWAIT)}), looks the pid up in the {@link ChildTable}, then
 * consumes exactly that pid's event ({@code waitid(P_PID, pid, ...)}) and hands it to the child's
 * listener. A pid that is not in the table is an orphan that was re-parented to the daemon: it is
 * reaped and counted. Because events are only peeked at until the table is consulted, a reaper that
 * was closed leaves every event it saw for whoever waits next.
 */
final class Reaper implements Runnable {

    private static final System.Logger LOG = System.getLogger(Reaper.class.getName());

    private static final int ANY_CHANGE = LibC.WEXITED | LibC.WSTOPPED | LibC.WCONTINUED;

    /** Without children the reaper sleeps until the next spawn; this only bounds that sleep. */
    private static final Duration IDLE_RECHECK = Duration.ofSeconds(5);
    private static final Duration AFTER_FAILURE = Duration.ofMillis(100);
    private static final long AFTER_EMPTY_COLLECT_NANOS = 1_000_000;

    private final LibC libc;
    private final ChildTable table;

    Reaper(LibC libc, ChildTable table) {
        this.libc = libc;
        this.table = table;
    }

    @Override
    public void run() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment peeked = arena.allocate(LibC.SIGINFO_SIZE, 16);
            MemorySegment consumed = arena.allocate(LibC.SIGINFO_SIZE, 16);
            while (!table.isClosed()) {
                try {
                    reapOnce(peeked, consumed);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (RuntimeException e) {
                    // The reaper must outlive any single failure, or zombies pile up.
                    LOG.log(System.Logger.Level.ERROR, "reaper: unexpected failure, carrying on", e);
                    LockSupport.parkNanos(AFTER_FAILURE.toNanos());
                }
            }
        }
    }

    private void reapOnce(MemorySegment peeked, MemorySegment consumed) throws InterruptedException {
        long spawnsBefore = table.spawnCount();
        peeked.fill((byte) 0);
        int errno = libc.waitid(LibC.P_ALL, 0, peeked, ANY_CHANGE | LibC.WNOWAIT);
        if (errno == LibC.EINTR) {
            return;
        }
        if (errno == LibC.ECHILD) {
            table.awaitSpawnAfter(spawnsBefore, IDLE_RECHECK);
            return;
        }
        if (errno != 0) {
            throw new IllegalStateException("waitid(P_ALL) failed: " + libc.describe(errno));
        }
        int pid = peeked.get(JAVA_INT, LibC.SIGINFO_PID_OFFSET);
        if (pid == 0) {
            return;
        }
        ChildTable.Collected collected = table.collect(pid, p -> consume(p, consumed));
        if (collected.event() == null) {
            // Someone else consumed it (glibc reaps a child whose exec failed); do not spin on it.
            LockSupport.parkNanos(AFTER_EMPTY_COLLECT_NANOS);
        } else if (collected.listener() != null) {
            deliver(collected.listener(), collected.event());
        }
    }

    /** Consumes the pending event of {@code pid}; null when there is none (any more). */
    private ChildEvent consume(long pid, MemorySegment info) {
        int errno;
        do {
            info.fill((byte) 0);
            errno = libc.waitid(LibC.P_PID, (int) pid, info, ANY_CHANGE | LibC.WNOHANG);
        } while (errno == LibC.EINTR);
        if (errno != 0 || info.get(JAVA_INT, LibC.SIGINFO_PID_OFFSET) == 0) {
            return null;
        }
        return decode(pid, info);
    }

    private static ChildEvent decode(long pid, MemorySegment info) {
        int code = info.get(JAVA_INT, LibC.SIGINFO_CODE_OFFSET);
        int status = info.get(JAVA_INT, LibC.SIGINFO_STATUS_OFFSET);
        ChildEvent.Kind kind = switch (code) {
            case LibC.CLD_EXITED -> ChildEvent.Kind.EXITED;
            case LibC.CLD_KILLED -> ChildEvent.Kind.KILLED;
            case LibC.CLD_DUMPED -> ChildEvent.Kind.DUMPED;
            case LibC.CLD_STOPPED, LibC.CLD_TRAPPED -> ChildEvent.Kind.STOPPED;
            case LibC.CLD_CONTINUED -> ChildEvent.Kind.CONTINUED;
            default -> throw new IllegalStateException("waitid reported unknown si_code " + code + " for pid " + pid);
        };
        return new ChildEvent(pid, kind, status);
    }

    private static void deliver(ChildListener listener, ChildEvent event) {
        try {
            listener.onChildEvent(event);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "listener failed on " + event + "; ignored", e);
        }
    }
}
