package io.partner.ppm.runtime.logs;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * The daemon's stdout or stderr. Every write holds whole lines and happens under one lock, so lines
 * of different services never interleave. The lock is fair: a chatty service that writes chunk after
 * chunk cannot keep the others waiting for more than one write each.
 */
final class LogSink {

    private final OutputStream out;
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Consumer<String> failureReporter;
    private boolean failureReported;

    /**
     * @param failureReporter told once, on the first failed write, what went wrong; the sink keeps
     *     trying later writes because dropping output must never stop a service's pipe from draining
     */
    LogSink(OutputStream out, Consumer<String> failureReporter) {
        this.out = out;
        this.failureReporter = failureReporter;
    }

    void write(ByteBuilder lines) {
        if (lines.size() == 0) {
            return;
        }
        String failure = null;
        lock.lock();
        try {
            out.write(lines.array(), 0, lines.size());
        } catch (IOException e) {
            if (!failureReported) {
                failureReported = true;
                failure = e.getMessage();
            }
        } finally {
            lock.unlock();
        }
        lines.reset();
        if (failure != null) {
            failureReporter.accept(failure);
        }
    }
}
