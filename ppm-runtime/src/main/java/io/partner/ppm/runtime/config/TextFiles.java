package io.partner.ppm.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Reads the small text files a user names (the configuration file, an {@code env_file}) without letting
 * a wrong one hang or flood the daemon: the file must be a regular file, checked before it is opened
 * (so a FIFO never blocks and {@code /dev/zero} is never read), no larger than a limit, checked before
 * reading and again while reading (for files whose size the kernel does not know, as under
 * {@code /proc}), and UTF-8 text.
 *
 * <p>Refusals are {@link FileSystemException}s whose reason is the short, shell-like line
 * {@link IoMessages#describe} gives the user: {@code is a FIFO, not a regular file}.
 */
final class TextFiles {

    // File type bits of st_mode (sys/stat.h), as the "unix" attribute view reports them.
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFBLK = 0060000;
    private static final int S_IFCHR = 0020000;
    private static final int S_IFIFO = 0010000;

    private TextFiles() {
    }

    /**
     * Reads a whole file as UTF-8 text.
     *
     * @param maxBytes the largest size accepted
     * @throws IOException when the file is missing, unreadable, not a regular file, too large or not UTF-8
     */
    static String read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes attributes = attributes(file);
        if (attributes.isDirectory()) {
            throw refused(file, "Is a directory");
        }
        if (!attributes.isRegularFile()) {
            throw refused(file, "is " + kind(file) + ", not a regular file");
        }
        if (attributes.size() > maxBytes) {
            throw refused(file, tooLarge(maxBytes));
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes((int) maxBytes + 1);
        }
        if (bytes.length > maxBytes) {
            throw refused(file, tooLarge(maxBytes));
        }
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static BasicFileAttributes attributes(Path file) throws IOException {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            // stat(2) says ENOENT where open(2) would say ENOTDIR: keep the shell's words for a path through a file.
            for (Path parent = file.toAbsolutePath().getParent(); parent != null; parent = parent.getParent()) {
                if (Files.exists(parent)) {
                    if (!Files.isDirectory(parent)) {
                        throw refused(file, "Not a directory");
                    }
                    break;
                }
            }
            throw e;
        }
    }

    /** A size as a user reads it: {@code 4 MiB}, {@code 512 KiB}, {@code 100 bytes}. */
    static String describeSize(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " bytes";
    }

    private static String tooLarge(long maxBytes) {
        return "too large (more than " + describeSize(maxBytes) + ")";
    }

    private static String kind(Path file) {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(file, "unix:mode");
        } catch (IOException | RuntimeException unknown) {
            return "a special file";
        }
        return switch (mode & S_IFMT) {
            case S_IFIFO -> "a FIFO";
            case S_IFCHR -> "a character device";
            case S_IFBLK -> "a block device";
            case S_IFSOCK -> "a socket";
            default -> "a special file";
        };
    }

    private static FileSystemException refused(Path file, String reason) {
        return new FileSystemException(file.toString(), null, reason);
    }
}
