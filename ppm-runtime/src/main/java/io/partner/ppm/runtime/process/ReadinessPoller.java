package io.partner.ppm.runtime.process;

import static java.lang.foreign.ValueLayout.JAVA_INT_UNALIGNED;
import static java.lang.foreign.ValueLayout.JAVA_LONG_UNALIGNED;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits, on one platform thread, until any of many pipes has data or reached end of file
 * ({@code epoll}), so that a quiet pipe costs no thread. Each pipe is watched one-shot: the poller
 * reports it readable once, then ignores it until its watcher has read what it wants and
 * {@linkplain Watch#arm() arms} it again. The readiness is level-triggered: a pipe armed while it
 * still holds data is reported again at once.
 *
 * <p>A poller lives as long as the JVM: its thread is a daemon thread, and it holds one
 * {@code epoll} descriptor. Thread-safe.
 */
public final class ReadinessPoller {

    private static final System.Logger LOG = System.getLogger(ReadinessPoller.class.getName());

    /** {@code struct epoll_event} is packed on x86_64 (12 bytes), naturally aligned elsewhere (16). */
    private static final boolean PACKED = System.getProperty("os.arch").matches("amd64|x86_64");
    private static final long EVENT_SIZE = PACKED ? 12 : 16;
    private static final long DATA_OFFSET = PACKED ? 4 : 8;
    private static final int MAX_EVENTS = 64;
    /** The event handed to {@code epoll_ctl}, one per arming thread: arming happens once per turn of a busy pipe. */
    private static final ThreadLocal<MemorySegment> CONTROL_EVENT =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(EVENT_SIZE, 8));

    private final LibC libc;
    private final int epollFd;
    private final Map<Long, Watch> watches = new ConcurrentHashMap<>();
    private final AtomicLong nextKey = new AtomicLong();

    /**
     * Creates the {@code epoll} instance and starts the polling thread.
     *
     * @param threadName the name of the polling thread
     * @throws IllegalStateException when {@code epoll} is not available
     */
    public ReadinessPoller(String threadName) {
        this.libc = LibC.get();
        int fd = libc.epollCreate1(LibC.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw new IllegalStateException("epoll_create1: " + libc.describe(-fd));
        }
        this.epollFd = fd;
        Thread.ofPlatform().name(threadName).daemon(true).stackSize(256 * 1024).start(this::pollForever);
    }

    /**
     * Makes the pipe non-blocking and prepares to watch it; nothing is reported before the first
     * {@link Watch#arm()}. {@code onReadable} runs on the polling thread, once per arming, when the
     * pipe has data or reached end of file: it must return quickly (hand the reading to another
     * thread, or read a bounded amount).
     *
     * @throws IOException when the pipe cannot be made non-blocking
     */
    public Watch watch(PipeInput pipe, Runnable onReadable) throws IOException {
        Objects.requireNonNull(pipe, "pipe");
        Objects.requireNonNull(onReadable, "onReadable");
        pipe.makeNonBlocking();
        return new Watch(nextKey.incrementAndGet(), pipe, onReadable);
    }

    /** How many pipes are watched now. */
    public int watchedCount() {
        return watches.size();
    }

    private void pollForever() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment events = arena.allocate(EVENT_SIZE * MAX_EVENTS, 8);
            while (true) {
                int ready = libc.epollWait(epollFd, events, MAX_EVENTS, -1);
                if (ready < 0) {
                    if (-ready != LibC.EINTR) {
                        LOG.log(System.Logger.Level.ERROR, "epoll_wait: {0}", libc.describe(-ready));
                    }
                    continue;
                }
                for (int i = 0; i < ready; i++) {
                    report(events.get(JAVA_LONG_UNALIGNED, i * EVENT_SIZE + DATA_OFFSET));
                }
            }
        }
    }

    private void report(long key) {
        Watch watch = watches.get(key);
        if (watch == null) {
            return;
        }
        try {
            watch.onReadable.run();
        } catch (RuntimeException e) {
            // The poller must outlive any one watcher's failure, or every pipe stops being read.
            LOG.log(System.Logger.Level.ERROR, "a pipe watcher failed", e);
        }
    }

    /** One watched pipe. Arm it to be told once when it is readable; close it when done. */
    public final class Watch implements AutoCloseable {

        private final long key;
        private final PipeInput pipe;
        private final Runnable onReadable;
        private boolean added;
        private boolean closed;

        private Watch(long key, PipeInput pipe, Runnable onReadable) {
            this.key = key;
            this.pipe = pipe;
            this.onReadable = onReadable;
        }

        /**
         * Asks to be told, once, when the pipe is readable (at once when it already is). Call it
         * first after {@link #watch}, then again each time the watcher is done reading.
         *
         * @throws IllegalStateException when the pipe cannot be watched (after {@link #close()})
         */
        public synchronized void arm() {
            if (closed) {
                throw new IllegalStateException("the watch is closed");
            }
            int op = LibC.EPOLL_CTL_MOD;
            if (!added) {
                watches.put(key, this);
                op = LibC.EPOLL_CTL_ADD;
            }
            int errno = control(op, pipe.fd());
            if (errno != 0) {
                watches.remove(key);
                throw new IllegalStateException("epoll_ctl: " + libc.describe(errno));
            }
            added = true;
        }

        /** Stops watching and closes the pipe (in that order: its descriptor number may be reused at once). */
        @Override
        public synchronized void close() {
            if (closed) {
                return;
            }
            closed = true;
            watches.remove(key);
            if (added) {
                control(LibC.EPOLL_CTL_DEL, pipe.fd());
            }
            pipe.close();
        }

        private int control(int op, int fd) {
            MemorySegment event = CONTROL_EVENT.get();
            event.set(JAVA_INT_UNALIGNED, 0, LibC.EPOLLIN | LibC.EPOLLONESHOT);
            event.set(JAVA_LONG_UNALIGNED, DATA_OFFSET, key);
            return libc.epollCtl(epollFd, op, fd, event);
        }
    }
}
