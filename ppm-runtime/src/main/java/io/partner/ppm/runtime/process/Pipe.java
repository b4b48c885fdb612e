package io.partner.ppm.runtime.process;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * One pipe from a child to the daemon, created close-on-exec so that no other child inherits it.
 *
 * <p>The read end is handed over to a {@link PipeInput}, which from then on owns its descriptor.
 * {@link #close()} closes whatever this object still owns, so every descriptor is closed exactly once.
 */
final class Pipe implements AutoCloseable {

    private static final int F_SETPIPE_SZ = 1031;
    private static final int PIPE_SIZE = 1 << 20;

    private final LibC libc;
    private int readFd;
    private int writeFd;

    private Pipe(LibC libc, int readFd, int writeFd) {
        this.libc = libc;
        this.readFd = readFd;
        this.writeFd = writeFd;
    }

    static Pipe open(LibC libc) throws SpawnException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment fds = arena.allocate(JAVA_INT, 2);
            int errno = libc.pipe2(fds, LibC.O_CLOEXEC);
            if (errno != 0) {
                throw new SpawnException("cannot create a pipe: " + libc.describe(errno), errno);
            }
            Pipe pipe = new Pipe(libc, fds.getAtIndex(JAVA_INT, 0), fds.getAtIndex(JAVA_INT, 1));
            // A bigger pipe lets a chatty service run ahead while the relay formats a chunk: about a
            // third more throughput. Only a hint: an unprivileged daemon above pipe-max-size keeps 64 KiB.
            libc.fcntl(pipe.writeFd, F_SETPIPE_SZ, PIPE_SIZE);
            return pipe;
        }
    }

    /** The descriptor the child writes to. */
    int writeFd() {
        return writeFd;
    }

    /** Hands the read end over to a stream, which from then on owns it. Call once. */
    PipeInput openReader() {
        if (readFd < 0 || writeFd < 0) {
            throw new IllegalStateException("the pipe's read end was already handed over or closed");
        }
        PipeInput stream = new PipeInput(libc, readFd);
        readFd = -1;
        return stream;
    }

    /** Closes the ends this object still owns. */
    @Override
    public void close() {
        if (readFd >= 0) {
            closeFd(readFd);
            readFd = -1;
        }
        if (writeFd >= 0) {
            closeFd(writeFd);
            writeFd = -1;
        }
    }

    /** EINTR after close(2) on Linux still means the descriptor is gone: never retry, it could close someone else's. */
    private void closeFd(int fd) {
        libc.close(fd);
    }
}
