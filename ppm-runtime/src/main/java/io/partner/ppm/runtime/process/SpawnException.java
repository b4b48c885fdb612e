package io.partner.ppm.runtime.process;

import java.io.IOException;

/**
 * A child process could not be started. The message is one line a person can act on, e.g.
 * {@code exec failed: /app/bin/x: No such file or directory}; {@link #errno()} tells the cause to
 * code (ENOENT 2, EACCES 13, ENOTDIR 20, EPERM 1, ...).
 */
public final class SpawnException extends IOException {

    private final int errno;

    public SpawnException(String message, int errno) {
        super(message);
        this.errno = errno;
    }

    /** The command was not found (ENOENT), rather than found and not runnable. */
    public boolean notFound() {
        return errno == LibC.ENOENT;
    }

    /** The Linux error number of the cause. */
    public int errno() {
        return errno;
    }
}
