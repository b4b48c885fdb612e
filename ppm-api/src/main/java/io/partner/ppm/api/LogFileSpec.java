package io.partner.ppm.api;

import java.util.Objects;

/**
 * An optional per-service log file with size-based rotation: when {@code file} would grow past
 * {@code maxSize} bytes it is renamed to {@code file.1} (older ones shift up) and at most
 * {@code maxFiles} rotated files are kept.
 */
public record LogFileSpec(String file, long maxSize, int maxFiles) {

    public static final long DEFAULT_MAX_SIZE = 10L * 1024 * 1024;
    public static final int DEFAULT_MAX_FILES = 5;

    public LogFileSpec {
        Objects.requireNonNull(file, "file");
        if (maxSize <= 0) {
            throw new IllegalArgumentException("log max_size must be > 0");
        }
        if (maxFiles < 0) {
            throw new IllegalArgumentException("log max_files must be >= 0");
        }
    }
}
