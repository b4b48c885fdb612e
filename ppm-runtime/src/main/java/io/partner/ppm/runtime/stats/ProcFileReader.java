package io.partner.ppm.runtime.stats;

import java.io.IOException;
import java.io.RandomAccessFile;

/**
 * Reads small /proc files into one reused buffer. A file that cannot be opened or read (the
 * process has exited, or belongs to someone we may not inspect) reads as -1, never as an
 * exception: a process may vanish at any moment between listing /proc and reading its files.
 */
final class ProcFileReader {

    private final byte[] buffer;

    ProcFileReader(int capacity) {
        this.buffer = new byte[capacity];
    }

    /** The buffer the last {@link #read} filled. */
    byte[] buffer() {
        return buffer;
    }

    /**
     * Reads up to the buffer's capacity of {@code path}.
     *
     * @return the number of bytes read, or -1 when the file could not be read
     */
    int read(String path) {
        // RandomAccessFile reads straight into the array; a FileChannel would need a Path and a ByteBuffer.
        try (RandomAccessFile file = new RandomAccessFile(path, "r")) {
            int total = 0;
            int count;
            while (total < buffer.length && (count = file.read(buffer, total, buffer.length - total)) > 0) {
                total += count;
            }
            return total;
        } catch (IOException e) {
            return -1;
        }
    }
}
