package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.io.InputStream;

/**
 * A child that {@link ChildProcesses#spawn} started.
 *
 * <p>The streams are the parent's ends of the child's stdout and stderr pipes. They reach end of
 * file once the child and every process that inherited the pipe have closed it. Whoever reads
 * them must close them (each closes its file descriptor exactly once; closing again does nothing).
 * A stream that is never closed is closed when it becomes unreachable, but do not rely on that.
 * Read with large buffers (64 KiB): every {@code read} is one system call.
 *
 * @param pid the child's process id; it leads its own session and process group (pid = pgid = sid)
 * @param stdout the child's standard output
 * @param stderr the child's standard error
 */
public record ChildProcess(long pid, InputStream stdout, InputStream stderr) {

    /** Closes both streams, ignoring errors: for when the output is not wanted any more. */
    public void closeStreams() {
        closeQuietly(stdout);
        closeQuietly(stderr);
    }

    private static void closeQuietly(InputStream stream) {
        try {
            stream.close();
        } catch (IOException ignored) {
            // Closing a pipe's read end cannot lose data anyone still wants.
        }
    }
}
