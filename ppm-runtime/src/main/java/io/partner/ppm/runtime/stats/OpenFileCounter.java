package io.partner.ppm.runtime.stats;

import java.io.File;
import java.nio.file.Path;

/**
 * Counts the open file descriptors of a process. Since Linux 6.2 the size of {@code /proc/PID/fd}
 * is the number of descriptors, one {@code stat} call; older kernels report 0 there and the
 * directory has to be listed.
 */
final class OpenFileCounter {

    private final boolean sizeIsCount;

    private OpenFileCounter(boolean sizeIsCount) {
        this.sizeIsCount = sizeIsCount;
    }

    /** Probes with our own {@code fd/}: a running JVM always has descriptors open. */
    static OpenFileCounter forProc(Path procRoot) {
        File own = procRoot.resolve("self/fd").toFile();
        return new OpenFileCounter(own.length() > 0);
    }

    /** The number of descriptors in a process's {@code fd} directory, -1 when it cannot be read. */
    int count(File directory) {
        if (sizeIsCount) {
            long size = directory.length();
            return size > 0 ? (int) size : -1;
        }
        String[] entries = directory.list();
        return entries == null ? -1 : entries.length;
    }
}
