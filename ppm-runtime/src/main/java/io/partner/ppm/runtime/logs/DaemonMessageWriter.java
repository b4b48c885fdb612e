package io.partner.ppm.runtime.logs;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Writes the daemon's own messages on a thread of its own, so that whoever reports something (the
 * supervisor loop, a signal handler, the reaper) never waits for the daemon's output. When that
 * output stalls (a log driver that stopped reading, a full pipe), at most {@value #CAPACITY}
 * messages wait; later ones are dropped and counted, and once writing works again one line says how
 * many were lost.
 */
final class DaemonMessageWriter implements AutoCloseable {

    /** Messages that may wait for a stalled output. */
    static final int CAPACITY = 1024;

    private static final Object STOP = new Object();

    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(CAPACITY + 1);
    private final AtomicLong dropped = new AtomicLong();
    /** Messages queued and not yet written; guarded by {@code this} for {@link #flush}. */
    private long unwritten;
    private final Consumer<String> output;
    private final Thread writer;
    private volatile boolean closed;

    /** @param output writes one message (may block for as long as the daemon's output does) */
    DaemonMessageWriter(Consumer<String> output) {
        this.output = output;
        this.writer = Thread.ofPlatform().name("ppm-daemon-messages").daemon().start(this::writeForever);
    }

    /** Queues the message and returns at once; drops it (counted) when the queue is full or closed. */
    void submit(String message) {
        synchronized (this) {
            unwritten++;
        }
        if (closed || queue.size() >= CAPACITY || !queue.offer(message)) {
            dropped.incrementAndGet();
            written();
        }
    }

    /**
     * Waits until every message submitted so far is written, at most {@code timeout}.
     *
     * @return false when the output is still blocked at the timeout
     */
    synchronized boolean flush(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (unwritten > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

    private synchronized void written() {
        unwritten--;
        notifyAll();
    }

    /** Messages dropped so far because the output did not keep up. */
    long dropped() {
        return dropped.get();
    }

    /**
     * Writes what is queued, waiting at most {@code timeout} for a stalled output, then stops the
     * writer. Messages submitted later are dropped.
     */
    void close(Duration timeout) {
        if (closed) {
            return;
        }
        try {
            flush(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed = true;
        queue.offer(STOP);
    }

    @Override
    public void close() {
        close(Duration.ZERO);
    }

    private void write(String message) {
        try {
            output.accept(message);
        } catch (RuntimeException e) {
            // A message that cannot be formatted or written must not end the writer.
        }
    }

    private void writeForever() {
        long reported = 0;
        while (true) {
            Object next;
            try {
                next = queue.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (next == STOP) {
                return;
            }
            long lost = dropped.get();
            if (lost > reported && next != null) {
                write(lost - reported + " daemon messages dropped while the output was blocked");
                reported = lost;
            }
            if (next != null) {
                write((String) next);
                written();
            }
        }
    }
}
