package io.partner.ppm.runtime.logs;

import io.partner.ppm.runtime.process.PipeInput;
import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.function.Consumer;

/**
 * Relays one stream of one service until end of stream: either on a thread of its own that waits
 * in {@code read} ({@link #run}), or piecewise, whenever a {@link PipeInput} is readable
 * ({@link #relayAvailable}). Reads big chunks into a reusable buffer, finds the lines with a
 * word-at-a-time scan, and hands all lines of a chunk at once to the sink as one write and to the
 * service's log (ring, file, followers). Nothing is allocated per line.
 *
 * <p>A quiet stream waits with a small buffer of its own. When a read fills it, output is flowing:
 * the reader takes a big buffer from the {@link BufferPool} and gives it back once reads turn small
 * again.
 */
final class StreamReader implements Runnable {

    private static final int SMALL_BUFFER = 8 * 1024;
    /** Output is written in slices of about this size, always whole lines. */
    private static final int OUTPUT_FLUSH = 256 * 1024;
    /** A read this small means the writer is not keeping the pipe full: the big buffer can go back. */
    private static final int SMALL_READ = SMALL_BUFFER / 2;

    private final InputStream in;
    private final ServiceLog log;
    private final LogLine.Stream stream;
    private final LogSink sink;
    private final LineFormatter formatter;
    private final InstantSource clock;
    private final BufferPool pool;
    private final Consumer<String> problemReporter;
    private final byte[] small = new byte[SMALL_BUFFER];
    private byte[] buffer = small;
    /** Bytes of an incomplete line kept at the start of the buffer. */
    private int pending;

    StreamReader(InputStream in, ServiceLog log, LogLine.Stream stream, LogSink sink, LineFormatter formatter,
            InstantSource clock, BufferPool pool, Consumer<String> problemReporter) {
        this.in = in;
        this.log = log;
        this.stream = stream;
        this.sink = sink;
        this.formatter = formatter;
        this.clock = clock;
        this.pool = pool;
        this.problemReporter = problemReporter;
    }

    /** Relays the stream until its end, waiting in {@code read}, then closes it. */
    @Override
    public void run() {
        try (in) {
            while (!relayRead(readWaiting())) {
                // each round relays what one read returned
            }
        } catch (IOException e) {
            // Closing failed: the stream is gone either way.
        } finally {
            releaseBuffer();
        }
    }

    /**
     * Relays what the pipe holds now, reading until it is empty or about {@code budget} bytes were
     * read, so that one busy stream cannot keep the others waiting. At end of stream the pending
     * partial line is relayed and the read buffer given back; the caller closes the pipe.
     *
     * @return true at end of stream
     */
    boolean relayAvailable(int budget) {
        PipeInput pipe = (PipeInput) in;
        for (int total = 0; total < budget; ) {
            int read;
            try {
                read = pipe.readAvailable(buffer, pending, buffer.length - pending);
            } catch (IOException e) {
                read = -1; // a closed or failing pipe ends like end of stream: relay what is pending
            }
            if (read == 0) {
                return false;
            }
            if (relayRead(read)) {
                releaseBuffer();
                return true;
            }
            total += read;
        }
        return false;
    }

    private int readWaiting() {
        try {
            return in.read(buffer, pending, buffer.length - pending);
        } catch (IOException e) {
            return -1; // a closed stream ends like end of stream: relay what is pending
        }
    }

    /** Relays the lines completed by a read of {@code read} bytes (-1: end of stream); true at end of stream. */
    private boolean relayRead(int read) {
        int room = buffer.length - pending;
        boolean endOfStream = read < 0;
        int filled = pending + Math.max(read, 0);
        int rest = relayChunk(filled, endOfStream);
        if (endOfStream) {
            return true;
        }
        int stillPending = filled - rest;
        moveRest(rest, stillPending, chooseBuffer(read, room, stillPending));
        pending = stillPending;
        return false;
    }

    private void releaseBuffer() {
        if (buffer != small) {
            pool.giveBack(buffer);
            buffer = small;
        }
    }

    /**
     * The buffer for the next read: the big one while reads fill what they are given, the small one
     * again once a read is small and the pending line fits. The small one is also too small for a
     * pending line that fills it.
     */
    private byte[] chooseBuffer(int read, int room, int pending) {
        if (buffer == small) {
            return read == room || pending == small.length ? pool.takeReadBuffer() : small;
        }
        return read < SMALL_READ && pending <= small.length / 2 ? small : buffer;
    }

    /** Moves the incomplete rest to the start of {@code next}, giving the big buffer back when leaving it. */
    private void moveRest(int rest, int pending, byte[] next) {
        System.arraycopy(buffer, rest, next, 0, pending);
        if (next != buffer && buffer != small) {
            pool.giveBack(buffer);
        }
        buffer = next;
    }

    /** Relays every line in {@code buffer[0, filled)}; returns where the incomplete rest starts. */
    private int relayChunk(int filled, boolean endOfStream) {
        BufferPool.ChunkWorkspace workspace = pool.takeWorkspace();
        try {
            return relayChunk(filled, endOfStream, workspace.batch(), workspace.output());
        } catch (RuntimeException e) {
            // Never stop draining the pipe, or the service would block on a full pipe.
            problemReporter.accept("output of " + log.service() + " lost a chunk: " + e);
            return filled;
        } finally {
            pool.giveBack(workspace);
        }
    }

    private int relayChunk(int filled, boolean endOfStream, LineBatch batch, ByteBuilder output) {
        long now = clock.millis();
        formatter.beginChunk(now);
        int position = 0;
        while (true) {
            // Most lines are found and formatted in one pass...
            position = formatter.appendShortLines(output, buffer, position, filled, batch, OUTPUT_FLUSH);
            if (output.size() < OUTPUT_FLUSH) {
                break;
            }
            sink.write(output);
        }
        // ...the rest (long lines, a last line at end of stream, another format) in two.
        int formatted = batch.size();
        int rest = LineSplitter.split(buffer, position, filled, endOfStream, batch);
        for (int next = formatted; next < batch.size(); ) {
            next = formatter.appendLines(output, buffer, batch, next, OUTPUT_FLUSH);
            if (output.size() >= OUTPUT_FLUSH) {
                sink.write(output);
            }
        }
        sink.write(output);
        if (!batch.isEmpty()) {
            log.append(buffer, batch, stream, now);
        }
        return rest;
    }
}
