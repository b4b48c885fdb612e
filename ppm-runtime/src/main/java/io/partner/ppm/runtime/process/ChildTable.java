package io.partner.ppm.runtime.process;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The children started here and their listeners, guarded by one lock that a spawn holds from
 * {@code posix_spawn} until the pid is registered and that the reaper holds while it looks a pid up
 * and collects its event. A child that exits at once therefore stays an unconsumed zombie (its pid
 * cannot be reused) until it is registered, and is never mistaken for an orphan.
 */
final class ChildTable {

    /** Starts a process while the table is locked; returns its pid. */
    @FunctionalInterface
    interface Start {
        long start() throws SpawnException;
    }

    /** Collects (consumes) the pending event of a pid; null when there was none to collect. */
    @FunctionalInterface
    interface Collect {
        ChildEvent collect(long pid);
    }

    /**
     * What the reaper collected: {@code event} null when nothing was, {@code listener} null when the
     * process was not ours.
     */
    record Collected(ChildEvent event, ChildListener listener) {
        static final Collected NOTHING = new Collected(null, null);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition childAdded = lock.newCondition();
    private final Map<Long, ChildListener> listeners = new HashMap<>();
    private final AtomicLong orphansReaped = new AtomicLong();
    private long spawnCount;
    private boolean closed;

    /** Runs {@code start} and registers the new pid, atomically with respect to {@link #collect}. */
    long register(Start start, ChildListener listener) throws SpawnException {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("cannot start a process: the process layer is closed");
            }
            long pid = start.start();
            listeners.put(pid, listener);
            spawnCount++;
            childAdded.signalAll();
            return pid;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Collects the pending event of {@code pid}. The pid is forgotten after its termination; a
     * termination of a pid that was never registered counts as a reaped orphan.
     */
    Collected collect(long pid, Collect collector) {
        lock.lock();
        try {
            if (closed) {
                return Collected.NOTHING;
            }
            ChildEvent event = collector.collect(pid);
            if (event == null) {
                return Collected.NOTHING;
            }
            ChildListener listener = event.isTermination() ? listeners.remove(pid) : listeners.get(pid);
            if (listener == null && event.isTermination()) {
                orphansReaped.incrementAndGet();
            }
            return new Collected(event, listener);
        } finally {
            lock.unlock();
        }
    }

    /** Whether {@code pid} was started here and has not been reaped yet. */
    boolean isRegistered(long pid) {
        lock.lock();
        try {
            return listeners.containsKey(pid);
        } finally {
            lock.unlock();
        }
    }

    long spawnCount() {
        lock.lock();
        try {
            return spawnCount;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a child is spawned after {@code seenSpawnCount} was read, the table is closed, or
     * {@code max} has passed.
     */
    void awaitSpawnAfter(long seenSpawnCount, Duration max) throws InterruptedException {
        lock.lock();
        try {
            long nanos = max.toNanos();
            while (!closed && spawnCount == seenSpawnCount && nanos > 0) {
                nanos = childAdded.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
    }

    long orphansReaped() {
        return orphansReaped.get();
    }

    int size() {
        lock.lock();
        try {
            return listeners.size();
        } finally {
            lock.unlock();
        }
    }

    boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    void close() {
        lock.lock();
        try {
            closed = true;
            childAdded.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
