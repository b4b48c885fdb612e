package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The daemon's read end of a pipe, owning its file descriptor: an {@link InputStream} whose reads
 * wait for data, or, once a {@link ReadinessPoller} watches it, a source read with
 * {@link #readAvailable} that never waits. Closing closes the descriptor exactly once; closing
 * again does nothing.
 *
 * <p>A non-blocking pipe is read with {@code read(2)} straight into the caller's array. A read that
 * may wait goes through a native buffer of the reading thread, then a copy: the garbage collector
 * must stay free to run meanwhile. Either way one read returns at most {@value #MAX_READ} bytes.
 */
public final class PipeInput extends InputStream {

    /** The most bytes one read returns (the size of each reading thread's native buffer). */
    public static final int MAX_READ = 128 * 1024;

    /** One native buffer per reading thread, freed with the thread. */
    private static final ThreadLocal<MemorySegment> NATIVE_BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(MAX_READ));

    private final LibC libc;
    private final Object closeLock = new Object();
    private volatile int fd;
    private volatile boolean nonBlocking;

    PipeInput(LibC libc, int fd) {
        this.libc = libc;
        this.fd = fd;
    }

    /**
     * Opens a named pipe (FIFO) for reading, waiting until it has a writer.
     *
     * @throws IOException when it cannot be opened; the message names the path and the cause
     */
    public static PipeInput openFifo(Path fifo) throws IOException {
        Objects.requireNonNull(fifo, "fifo");
        LibC libc = LibC.get();
        try (Arena arena = Arena.ofConfined()) {
            int fd = libc.open(arena.allocateFrom(fifo.toString()), LibC.O_RDONLY | LibC.O_CLOEXEC);
            if (fd < 0) {
                throw new IOException(fifo + ": " + libc.describe(-fd));
            }
            return new PipeInput(libc, fd);
        }
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int read = read(one, 0, 1);
        return read < 0 ? -1 : one[0] & 0xff;
    }

    /** Waits until data arrives (or end of file) on a pipe no poller watches. */
    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        if (length == 0) {
            return 0;
        }
        int read = readAvailable(bytes, offset, length);
        if (read == 0) {
            throw new IOException("the pipe is non-blocking: read it when a poller reports it readable");
        }
        return read;
    }

    /**
     * Reads what the pipe holds now, at most {@code length} bytes (and at most {@value #MAX_READ}).
     *
     * @return the bytes read; 0 when the pipe is empty but still has a writer (only once it is
     *     non-blocking, see {@link ReadinessPoller}); -1 at end of file
     * @throws IOException when the pipe is closed or the read fails
     */
    public int readAvailable(byte[] bytes, int offset, int length) throws IOException {
        Objects.checkFromIndexSize(offset, length, bytes.length);
        int wanted = Math.min(length, MAX_READ);
        while (true) {
            int descriptor = fd;
            if (descriptor < 0) {
                throw new IOException("pipe closed");
            }
            long result = nonBlocking
                    ? libc.readNonBlocking(descriptor, MemorySegment.ofArray(bytes).asSlice(offset, wanted))
                    : readThroughNativeBuffer(descriptor, bytes, offset, wanted);
            if (result > 0) {
                return (int) result;
            }
            if (result == 0) {
                return -1;
            }
            int errno = (int) -result;
            if (errno == LibC.EAGAIN) {
                return 0;
            }
            if (errno != LibC.EINTR) {
                throw new IOException("read failed: " + libc.describe(errno));
            }
        }
    }

    /** A read that may wait cannot pin the array (see {@link LibC#readNonBlocking}): it reads into native memory. */
    private long readThroughNativeBuffer(int descriptor, byte[] bytes, int offset, int length) {
        MemorySegment buffer = NATIVE_BUFFER.get();
        long result = libc.read(descriptor, buffer, length);
        if (result > 0) {
            MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, 0, bytes, offset, (int) result);
        }
        return result;
    }

    /** The descriptor, or -1 once closed. */
    int fd() {
        return fd;
    }

    /** From now on reads return 0 instead of waiting when the pipe is empty. */
    void makeNonBlocking() throws IOException {
        int descriptor = fd;
        int flags = libc.fcntl(descriptor, LibC.F_GETFL, 0);
        int result = flags < 0 ? flags : libc.fcntl(descriptor, LibC.F_SETFL, flags | LibC.O_NONBLOCK);
        if (result < 0) {
            throw new IOException("cannot make a pipe non-blocking: " + libc.describe(-result));
        }
        nonBlocking = true;
    }

    /** EINTR after close(2) on Linux still means the descriptor is gone: never retried. */
    @Override
    public void close() {
        synchronized (closeLock) {
            int descriptor = fd;
            if (descriptor >= 0) {
                fd = -1;
                libc.close(descriptor);
            }
        }
    }
}
