package io.partner.ppm.runtime.logs;

import io.partner.ppm.runtime.process.PipeInput;
import io.partner.ppm.runtime.process.ReadinessPoller;
import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Relays one pipe whenever the poller reports it readable: a drain thread reads what the pipe holds
 * (at most {@value #DRAIN_BUDGET} bytes at a time, then the pipe waits its turn again behind the
 * others), and arms the watch again; at end of stream it stops watching, closes the pipe and
 * reports the stream ended. One drain at a time per pipe: the watch is one-shot.
 */
final class PipeRelay {

    /** Bytes read from one pipe per turn, so that a chatty service cannot starve the others. */
    static final int DRAIN_BUDGET = 1024 * 1024;
    /** Drain threads per relay: two keep both cores busy when several services write at once. */
    private static final int DRAIN_THREADS = 2;
    /** An idle drain thread ends after this long: quiet services cost no thread at all. */
    private static final long DRAIN_THREAD_IDLE_SECONDS = 10;

    private final StreamReader reader;
    private final Executor drainers;
    private final Runnable onEnded;
    private ReadinessPoller.Watch watch;

    PipeRelay(StreamReader reader, Executor drainers, Runnable onEnded) {
        this.reader = reader;
        this.drainers = drainers;
        this.onEnded = onEnded;
    }

    /** Platform threads with a small stack, started on demand and ended when idle. */
    static Executor newDrainers() {
        ThreadPoolExecutor executor = new ThreadPoolExecutor(DRAIN_THREADS, DRAIN_THREADS,
                DRAIN_THREAD_IDLE_SECONDS, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                Thread.ofPlatform().name("ppm-relay-drain-", 0).daemon(true).stackSize(256 * 1024).factory());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }

    /** Starts watching the pipe; from then on the pipe is this relay's to close. */
    void start(ReadinessPoller poller, PipeInput pipe) throws IOException {
        watch = poller.watch(pipe, () -> drainers.execute(this::drain));
        watch.arm();
    }

    private void drain() {
        boolean ended = true;
        try {
            ended = reader.relayAvailable(DRAIN_BUDGET);
        } finally {
            if (ended) {
                watch.close();
                onEnded.run();
            } else {
                watch.arm();
            }
        }
    }
}
