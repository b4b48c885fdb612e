package io.partner.ppm.runtime.logs;

import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.runtime.config.LogConfig;
import io.partner.ppm.runtime.process.PipeInput;
import io.partner.ppm.runtime.process.ReadinessPoller;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;

/**
 * Relays the output of every service to the daemon's own stdout and stderr, one whole line at a
 * time, prefixed with the service's name ({@code web | ...}) or as one JSON object per line; keeps
 * each service's recent lines for {@code ppm logs}; and writes the optional per-service log file.
 *
 * <p>Guarantees: a line is never lost, duplicated or mixed with another line; a service's lines keep
 * their order; a line longer than {@value #MAX_LINE_PIECE} bytes is cut into pieces of at most that
 * size, each relayed as a line of its own, so no line is ever held whole in memory. Writes to the
 * daemon's streams take whole chunks of lines under a short, fair lock: a chatty service cannot keep
 * the others waiting for long. When the daemon's stdout itself blocks, the relay waits (and with
 * the poller, the pipes of every service, which then block their writers): service output is
 * delayed, never dropped. The daemon's own messages never wait: they go through a bounded queue
 * and a writer thread of their own, and are dropped (and counted) when the queue is full, so that
 * nothing that reports a message (the supervisor loop above all) can be held by a stalled output.
 *
 * <p>Threads: a service's pipes ({@link PipeInput}) cost no thread of their own. One
 * {@code ppm-relay-poller} thread, shared by every relay of the JVM, waits on all of them with
 * {@code epoll} and relays each pipe that has data, at most 1 MiB per turn so that a chatty service
 * cannot keep the others waiting. Any other stream gets a reader thread of its own that waits in
 * {@code read}. Followers are called on the poller and reader threads. Every method is thread-safe.
 */
public final class LogRelay implements AutoCloseable {

    /** Longest piece of a line relayed as one output line (64 KiB). */
    public static final int MAX_LINE_PIECE = LineSplitter.MAX_PIECE;
    /** Bytes of recent output a service keeps at most, unless told otherwise (1 MiB). */
    public static final int DEFAULT_RING_BYTES = 1024 * 1024;
    /** Smallest ring per service (256 KiB): room for two chunks of a busy stream. */
    public static final int MIN_RING_BYTES = LineRing.MIN_BYTES;
    /** The service name the daemon's own messages carry. */
    public static final String DAEMON_NAME = "ppm";
    /** How long closing waits for the daemon's last messages to reach a slow stderr. */
    private static final Duration CLOSE_FLUSH_TIMEOUT = Duration.ofMillis(300);

    private final LogConfig config;
    private final LogSink stdout;
    private final LogSink stderr;
    private final int ringLines;
    private final int ringBytes;
    private final ThreadFactory readerThreads;
    private final InstantSource clock;
    private final ConcurrentMap<String, ServiceLog> services = new ConcurrentHashMap<>();
    private final List<Consumer<LogLine>> allServicesFollowers = new CopyOnWriteArrayList<>();
    private final ReaderCount readers = new ReaderCount();
    private final BufferPool buffers = new BufferPool();
    private final DaemonMessageWriter messages = new DaemonMessageWriter(this::writeDaemonMessage);
    private volatile boolean closed;

    /**
     * A relay keeping at least the last {@code ringLines} lines of each service, as long as they fit
     * in {@link #DEFAULT_RING_BYTES}, and reading on platform threads.
     *
     * @param stdout where service stdout goes; written with one {@code write} per chunk of lines and
     *     never buffered here: pass an unbuffered stream (see {@link #toStandardStreams})
     * @param stderr where service stderr and the daemon's own messages go
     */
    public LogRelay(LogConfig config, OutputStream stdout, OutputStream stderr, int ringLines) {
        this(config, stdout, stderr, ringLines, DEFAULT_RING_BYTES, defaultReaderThreads(), InstantSource.system());
    }

    /**
     * @param ringBytes bytes of recent output kept per service, at least {@link #MIN_RING_BYTES}
     * @param readerThreads creates the reader threads of streams that are not a {@link PipeInput}
     *     (they block in {@code read})
     * @param clock gives the time stamped on each chunk of lines as it is read
     */
    public LogRelay(LogConfig config, OutputStream stdout, OutputStream stderr, int ringLines, int ringBytes,
            ThreadFactory readerThreads, InstantSource clock) {
        this.config = Objects.requireNonNull(config, "config");
        if (ringLines < 1) {
            throw new IllegalArgumentException("ringLines must be at least 1, got " + ringLines);
        }
        if (ringBytes < MIN_RING_BYTES) {
            throw new IllegalArgumentException("ringBytes must be at least " + MIN_RING_BYTES + ", got " + ringBytes);
        }
        this.ringLines = ringLines;
        this.ringBytes = ringBytes;
        this.readerThreads = Objects.requireNonNull(readerThreads, "readerThreads");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.stderr = new LogSink(Objects.requireNonNull(stderr, "stderr"), problem -> { });
        this.stdout = new LogSink(Objects.requireNonNull(stdout, "stdout"),
                problem -> daemonMessage("writing to stdout failed, service output is being dropped: " + problem));
    }

    /**
     * A relay writing straight to file descriptors 1 and 2, bypassing {@code System.out} (a
     * buffered, synchronized {@code PrintStream}). The daemon should then print its own messages
     * through {@link #daemonMessage} only, so that they cannot interleave with service lines.
     */
    public static LogRelay toStandardStreams(LogConfig config, int ringLines) {
        return new LogRelay(config, new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err),
                ringLines);
    }

    /**
     * Platform daemon threads with a small stack, for streams that are not a {@link PipeInput}.
     * Virtual threads relayed no faster when measured, and a virtual thread blocked reading a pipe
     * holds on to its carrier (the JDK adds a carrier for it), so they would not save threads either.
     */
    public static ThreadFactory defaultReaderThreads() {
        return Thread.ofPlatform().name("ppm-log-reader-", 0).daemon(true).stackSize(256 * 1024).factory();
    }

    /**
     * Creates the service's ring and opens its log file; calling it again for a registered service
     * replaces the file (or drops it when {@code fileOrNull} is null) and keeps the ring. A file that
     * cannot be opened is reported on stderr and the service runs without it.
     */
    public void register(String service, LogFileSpec fileOrNull) {
        requireOpen();
        serviceLog(service).useFile(fileOrNull);
    }

    /**
     * Starts relaying the service's streams and returns at once; each stream is relayed until end
     * of stream and then closed. A {@link PipeInput} (a service's pipe) is watched, and read
     * whenever it has data, by the shared poller thread; any other stream gets a reader thread of
     * its own that waits in {@code read}. Either stream may be null (not captured). A service that
     * is not registered yet is registered without a log file.
     *
     * @throws IllegalStateException when a pipe cannot be watched (it is closed then)
     */
    public void attach(String service, InputStream stdoutOfService, InputStream stderrOfService) {
        requireOpen();
        ServiceLog log = serviceLog(service);
        if (stdoutOfService != null) {
            startRelay(log, LogLine.Stream.STDOUT, stdoutOfService, stdout);
        }
        if (stderrOfService != null) {
            startRelay(log, LogLine.Stream.STDERR, stderrOfService, stderr);
        }
    }

    private void startRelay(ServiceLog log, LogLine.Stream stream, InputStream in, LogSink sink) {
        if (in instanceof PipeInput pipe) {
            startWatching(log, stream, pipe, sink);
        } else {
            startReader(log, stream, in, sink);
        }
    }

    /** A pipe of the daemon's own costs no thread: the poller relays it whenever it is readable. */
    private void startWatching(ServiceLog log, LogLine.Stream stream, PipeInput pipe, LogSink sink) {
        StreamReader reader = newReader(log, stream, pipe, sink);
        PipeRelay relay = new PipeRelay(reader, readers::ended);
        readers.started();
        try {
            relay.start(SharedPoller.INSTANCE, pipe);
        } catch (IOException | RuntimeException e) {
            readers.ended();
            pipe.close();
            throw new IllegalStateException("cannot relay the output of " + log.service() + ": " + e.getMessage(), e);
        }
    }

    private StreamReader newReader(ServiceLog log, LogLine.Stream stream, InputStream in, LogSink sink) {
        LineFormatter formatter = LineFormatter.create(config, log.service(), stream);
        return new StreamReader(in, log, stream, sink, formatter, clock, buffers, this::daemonMessage);
    }

    private void startReader(ServiceLog log, LogLine.Stream stream, InputStream in, LogSink sink) {
        StreamReader reader = newReader(log, stream, in, sink);
        readers.started();
        Thread thread;
        try {
            thread = readerThreads.newThread(() -> {
                try {
                    reader.run();
                } finally {
                    readers.ended();
                }
            });
        } catch (RuntimeException e) {
            readers.ended();
            throw e;
        }
        if (!thread.isVirtual()) {
            thread.setName("ppm-log-" + log.service() + "-" + stream.name().toLowerCase(Locale.ROOT));
        }
        thread.start();
    }

    /**
     * Drops the service's ring and followers and closes its log file. Readers still draining the
     * service's pipes keep relaying to the daemon's stdout and stderr until end of stream.
     */
    public void unregister(String service) {
        ServiceLog log = services.remove(service);
        if (log != null) {
            log.close();
        }
    }

    /**
     * Writes one of the daemon's own messages to stderr as {@code ppm | text} (or a JSON line with
     * service {@code ppm}), with the same whole-line guarantee as service output. A message with
     * several lines becomes several output lines. Returns at once: the message is written by a
     * thread of its own, and dropped (and counted) when {@value DaemonMessageWriter#CAPACITY}
     * messages already wait for a stalled stderr.
     */
    public void daemonMessage(String text) {
        messages.submit(text);
    }

    /**
     * Waits until the daemon messages given so far are written, at most {@code timeout}.
     *
     * @return false when stderr is still blocked at the timeout
     */
    public boolean flushDaemonMessages(Duration timeout) throws InterruptedException {
        return messages.flush(timeout);
    }

    /** Daemon messages dropped so far because stderr did not take them. */
    public long droppedDaemonMessages() {
        return messages.dropped();
    }

    private void writeDaemonMessage(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        LineBatch batch = new LineBatch();
        LineSplitter.split(bytes, 0, bytes.length, true, batch);
        LineFormatter formatter = LineFormatter.create(config, DAEMON_NAME, LogLine.Stream.STDERR);
        formatter.beginChunk(clock.millis());
        ByteBuilder output = new ByteBuilder(bytes.length + 64);
        formatter.appendLines(output, bytes, batch, 0, Integer.MAX_VALUE);
        stderr.write(output);
    }

    /**
     * The service's last {@code lines} lines, oldest first.
     *
     * @throws IllegalArgumentException for a service that is not registered, or a negative count
     */
    public List<LogLine> tail(String service, int lines) {
        if (lines < 0) {
            throw new IllegalArgumentException("line count must not be negative, got " + lines);
        }
        return registered(service).tail(lines);
    }

    /**
     * Up to {@code max} lines with a sequence number above {@code afterSeq}, oldest first: poll with
     * the last sequence number seen to follow a service. Lines that already left the ring are
     * skipped (the gap shows in the sequence numbers); {@code afterSeq} 0 starts at the oldest line.
     *
     * @throws IllegalArgumentException for a service that is not registered, or a negative max
     */
    public List<LogLine> since(String service, long afterSeq, int max) {
        if (max < 0) {
            throw new IllegalArgumentException("max must not be negative, got " + max);
        }
        return registered(service).since(afterSeq, max);
    }

    /**
     * Calls {@code consumer} with every line read from now on, of one service or (with null) of all.
     * The consumer runs on the poller or a reader thread while that service's log is locked: it must be fast and
     * must not call back into the relay. A consumer that throws is unsubscribed. Close the returned
     * handle to unsubscribe.
     *
     * @throws IllegalArgumentException for a service that is not registered
     */
    public AutoCloseable follow(String service, Consumer<LogLine> consumer) {
        Objects.requireNonNull(consumer, "consumer");
        if (service == null) {
            allServicesFollowers.add(consumer);
            return () -> allServicesFollowers.remove(consumer);
        }
        return registered(service).follow(consumer);
    }

    /** True when a service of that name is registered. */
    public boolean isRegistered(String service) {
        return services.containsKey(service);
    }

    /**
     * Waits until every attached stream has reached end of stream and been relayed, at most
     * {@code timeout}. Call it after the services have stopped and before {@link #close}.
     *
     * @return true when all streams are drained
     */
    public boolean awaitDrained(Duration timeout) throws InterruptedException {
        return readers.awaitZero(timeout);
    }

    /**
     * Writes the daemon messages still queued (waiting at most 300 ms for a stalled stderr), closes
     * every log file and drops the rings. Does not wait for readers (see
     * {@link #awaitDrained}); those still running keep relaying to stdout and stderr. Does not close
     * the daemon's stdout and stderr.
     */
    @Override
    public void close() {
        messages.close(CLOSE_FLUSH_TIMEOUT);
        closed = true;
        for (String service : List.copyOf(services.keySet())) {
            unregister(service);
        }
    }

    /** One poller for every relay of the JVM, started with the first pipe. */
    private static final class SharedPoller {
        static final ReadinessPoller INSTANCE = new ReadinessPoller("ppm-relay-poller");
    }

    private ServiceLog serviceLog(String service) {
        Objects.requireNonNull(service, "service");
        return services.computeIfAbsent(service,
                name -> new ServiceLog(name, ringLines, ringBytes, allServicesFollowers, this::daemonMessage));
    }

    private ServiceLog registered(String service) {
        ServiceLog log = service == null ? null : services.get(service);
        if (log == null) {
            throw new IllegalArgumentException("unknown service: " + service);
        }
        return log;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("log relay is closed");
        }
    }
}
