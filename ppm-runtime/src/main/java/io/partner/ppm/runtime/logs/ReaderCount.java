package io.partner.ppm.runtime.logs;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** How many stream readers are still running, so that shutdown can wait for the output to drain. */
final class ReaderCount {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition drained = lock.newCondition();
    private int running;

    void started() {
        lock.lock();
        try {
            running++;
        } finally {
            lock.unlock();
        }
    }

    void ended() {
        lock.lock();
        try {
            if (--running == 0) {
                drained.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    boolean awaitZero(Duration timeout) throws InterruptedException {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (running > 0) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = drained.awaitNanos(nanos);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }
}
