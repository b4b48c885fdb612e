package io.partner.ppm.runtime.logs;

import io.partner.ppm.runtime.process.PipeInput;
import io.partner.ppm.runtime.process.ReadinessPoller;
import java.io.IOException;

/**
 * Relays one pipe whenever the poller reports it readable, on the polling thread itself: reads what
 * the pipe holds, at most {@value #DRAIN_BUDGET} bytes at a time (then the pipe waits its turn
 * again behind the others), and arms the watch again; at end of stream it stops watching, closes
 * the pipe and reports the stream ended. The watch is one-shot, so one pipe is never drained twice
 * at once.
 *
 * <p>Draining on the polling thread measured as fast as handing each turn to a pool of drain
 * threads, at less CPU per byte: the pool paid a thread wake-up per turn.
 */
final class PipeRelay {

    /** Bytes read from one pipe per turn, so that a chatty service cannot starve the others. */
    static final int DRAIN_BUDGET = 1024 * 1024;

    private final StreamReader reader;
    private final Runnable onEnded;
    private ReadinessPoller.Watch watch;

    PipeRelay(StreamReader reader, Runnable onEnded) {
        this.reader = reader;
        this.onEnded = onEnded;
    }

    /** Starts watching the pipe; from then on the pipe is this relay's to close. */
    void start(ReadinessPoller poller, PipeInput pipe) throws IOException {
        watch = poller.watch(pipe, this::drain);
        watch.arm();
    }

    private void drain() {
        boolean watching = false;
        try {
            if (!reader.relayAvailable(DRAIN_BUDGET)) {
                watch.arm();
                watching = true;
            }
        } finally {
            // At end of stream, and also when the pipe cannot be watched any more: either way no
            // more output will come through it, and shutdown must not wait for it.
            if (!watching) {
                watch.close();
                onEnded.run();
            }
        }
    }
}
