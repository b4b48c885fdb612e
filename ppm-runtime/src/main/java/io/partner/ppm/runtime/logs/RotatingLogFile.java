package io.partner.ppm.runtime.logs;

import io.partner.ppm.api.LogFileSpec;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * A service's own log file: its lines as written, without prefix, each ended by a newline (the
 * pieces of a cut line too). Before a line would take the file past {@code maxSize} the file is
 * rotated: {@code file.(n-1)} becomes {@code file.n} down to {@code file} becoming {@code file.1},
 * and at most {@code maxFiles} rotated files are kept. Rotation happens only between lines, so the
 * files read oldest to newest hold every line once, in order; a single line larger than
 * {@code maxSize} gets a file of its own. Not thread-safe: {@link ServiceLog} guards it.
 *
 * <p>Rotating renames up to {@code maxFiles} files on the relay's thread: a chatty service with a tiny
 * {@code max_size} and many files would spend the relay (and a core) on renames and starve the output
 * of every other service. So a file makes at most {@link #RENAMES_PER_WINDOW} renames in each
 * {@link #ROTATION_WINDOW} (one full rotation of 1,000 files a second); past that, it grows beyond
 * {@code maxSize} until the next window. Counting renames, not time, keeps the rule the same on a
 * cold JVM and a slow disk.
 */
final class RotatingLogFile implements Closeable {

    private static final byte[] NEWLINE = {'\n'};
    static final Duration ROTATION_WINDOW = Duration.ofSeconds(1);
    static final int RENAMES_PER_WINDOW = 1_000;

    private final LogFileSpec spec;
    private final Path path;
    private FileChannel channel;
    private long size;
    private long windowStart = System.nanoTime();
    private int renamesInWindow;
    /** The highest n for which {@code file.n} may exist: a rotation looks at no file above it. */
    private int highestRotated;

    RotatingLogFile(LogFileSpec spec) throws IOException {
        this.spec = spec;
        this.path = Path.of(spec.file()).toAbsolutePath();
        Path parent = path.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        for (int n = spec.maxFiles(); n >= 1 && highestRotated == 0; n--) {
            if (Files.exists(numbered(n))) {
                highestRotated = n;
            }
        }
        open();
    }

    LogFileSpec spec() {
        return spec;
    }

    /** Appends the batch's lines; lines that sit back to back in {@code src} go out in one write. */
    void write(byte[] src, LineBatch batch) throws IOException {
        int runStart = 0; // [runStart, runEnd): whole lines with their newlines, not yet written
        int runEnd = 0;
        for (int i = 0; i < batch.size(); i++) {
            int offset = batch.offset(i);
            int length = batch.length(i);
            if (size + (runEnd - runStart) > 0 && size + (runEnd - runStart) + length + 1 > spec.maxSize() && rotationDue()) {
                writeFully(ByteBuffer.wrap(src, runStart, runEnd - runStart));
                runStart = runEnd;
                rotate();
            }
            if (batch.terminated(i)) {
                if (offset != runEnd) {
                    writeFully(ByteBuffer.wrap(src, runStart, runEnd - runStart));
                    runStart = offset;
                }
                runEnd = offset + length + 1; // the newline is in src already
            } else {
                writeFully(ByteBuffer.wrap(src, runStart, runEnd - runStart));
                writeFully(ByteBuffer.wrap(src, offset, length), ByteBuffer.wrap(NEWLINE));
                runStart = runEnd;
            }
        }
        writeFully(ByteBuffer.wrap(src, runStart, runEnd - runStart));
    }

    private void writeFully(ByteBuffer... buffers) throws IOException {
        long total = 0;
        for (ByteBuffer buffer : buffers) {
            total += buffer.remaining();
        }
        for (long left = total; left > 0; ) {
            left -= channel.write(buffers);
        }
        size += total;
    }

    private boolean rotationDue() {
        long now = System.nanoTime();
        if (now - windowStart >= ROTATION_WINDOW.toNanos()) {
            windowStart = now;
            renamesInWindow = 0;
        }
        return renamesInWindow < RENAMES_PER_WINDOW;
    }

    private void rotate() throws IOException {
        channel.close();
        if (spec.maxFiles() == 0) {
            Files.deleteIfExists(path);
        } else {
            if (highestRotated == spec.maxFiles()) {
                Files.deleteIfExists(numbered(spec.maxFiles()));
            }
            for (int n = Math.min(highestRotated, spec.maxFiles() - 1); n >= 1; n--) {
                try {
                    Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
                    renamesInWindow++;
                } catch (NoSuchFileException gap) {
                    // Deleted by someone else: the files above it move on regardless.
                }
            }
            Files.move(path, numbered(1), StandardCopyOption.REPLACE_EXISTING);
            renamesInWindow++;
            highestRotated = Math.min(highestRotated + 1, spec.maxFiles());
        }
        open();
    }

    private Path numbered(int n) {
        return path.resolveSibling(path.getFileName() + "." + n);
    }

    private void open() throws IOException {
        channel = FileChannel.open(path,
                StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        size = channel.size();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
