package io.partner.ppm.runtime.logs;

import java.io.IOException;
import java.io.InputStream;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Relays one stream of one service until end of stream, then closes it. Reads big chunks into a
 * reusable buffer, finds the lines with a word-at-a-time scan, and hands all lines of a chunk at
 * once to the service's log (ring, file, followers) and to the sink as one write. Nothing is
 * allocated per line. Buffers grow while the stream is busy and shrink back once it has been quiet.
 */
final class StreamReader implements Runnable {

    private static final int INITIAL_BUFFER = 8 * 1024;
    /** Twice a piece: after a round at most one piece is pending, so a read always has room for another. */
    private static final int MAX_BUFFER = 2 * LineSplitter.MAX_PIECE;
    /** Output is written in slices of about this size, always whole lines. */
    private static final int OUTPUT_FLUSH = 256 * 1024;
    /** A stream whose reads stay this small for a while is quiet: its buffers go back to the initial size. */
    private static final int SMALL_READ = INITIAL_BUFFER / 2;
    private static final int QUIET_READS_BEFORE_SHRINK = 64;

    private final InputStream in;
    private final ServiceLog log;
    private final LogLine.Stream stream;
    private final LogSink sink;
    private final LineFormatter formatter;
    private final InstantSource clock;
    private final Consumer<String> problemReporter;
    private final LineBatch batch = new LineBatch();
    private final ByteBuilder output = new ByteBuilder(INITIAL_BUFFER);
    private byte[] buffer = new byte[INITIAL_BUFFER];
    private int quietReads;

    StreamReader(InputStream in, ServiceLog log, LogLine.Stream stream, LogSink sink, LineFormatter formatter,
            InstantSource clock, Consumer<String> problemReporter) {
        this.in = in;
        this.log = log;
        this.stream = stream;
        this.sink = sink;
        this.formatter = formatter;
        this.clock = clock;
        this.problemReporter = problemReporter;
    }

    @Override
    public void run() {
        try (in) {
            relayUntilEndOfStream();
        } catch (IOException e) {
            // The stream was closed under us (daemon shutting down): nothing more to relay.
        }
    }

    private void relayUntilEndOfStream() throws IOException {
        int pending = 0; // bytes of an incomplete line kept at the start of the buffer
        while (true) {
            if (pending == buffer.length) {
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_BUFFER));
            }
            int room = buffer.length - pending;
            int read;
            try {
                read = in.read(buffer, pending, room);
            } catch (IOException e) {
                read = -1; // a closed stream ends like end of stream: relay what is pending
            }
            boolean endOfStream = read < 0;
            int filled = pending + Math.max(read, 0);
            int rest = relayChunk(filled, endOfStream);
            if (endOfStream) {
                return;
            }
            pending = filled - rest;
            System.arraycopy(buffer, rest, buffer, 0, pending);
            adaptBuffers(read, room, pending);
        }
    }

    /** Relays every line in {@code buffer[0, filled)}; returns where the incomplete rest starts. */
    private int relayChunk(int filled, boolean endOfStream) {
        batch.clear();
        long now = clock.millis();
        try {
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
        } catch (RuntimeException e) {
            // Never stop draining the pipe, or the service would block on a full pipe.
            output.reset();
            problemReporter.accept("output of " + log.service() + " lost a chunk: " + e);
            return filled;
        }
    }

    /** Grows the read buffer while reads fill it; shrinks both buffers after a run of small reads. */
    private void adaptBuffers(int read, int room, int pending) {
        if (read == room && buffer.length < MAX_BUFFER) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_BUFFER));
        }
        quietReads = read < SMALL_READ ? quietReads + 1 : 0;
        if (quietReads >= QUIET_READS_BEFORE_SHRINK && buffer.length > INITIAL_BUFFER && pending < INITIAL_BUFFER) {
            buffer = Arrays.copyOf(buffer, INITIAL_BUFFER);
            output.shrinkTo(INITIAL_BUFFER);
            quietReads = 0;
        }
    }
}
