package io.partner.ppm.runtime.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as written in the configuration: {@code 512KB}, {@code 10MB}, {@code 1GB}. Units are powers of
 * 1024 ({@code 1KB} = 1024 bytes; {@code KiB}, {@code MiB}, ... and {@code K}, {@code M}, {@code G}
 * mean the same), case does not matter, and a number alone counts bytes.
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "use a whole number with a unit: B, KB, MB or GB (1KB = 1024 bytes), e.g. 512KB or 10MB";
    private static final String[] SUFFIXES = {"B", "KB", "MB", "GB", "TB"};

    private Sizes() {
    }

    /**
     * Parses {@code 512KB}, {@code 10MB}, {@code 1GB}, {@code 4096}.
     *
     * @throws IllegalArgumentException naming the text and the units to use
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty size (" + UNITS + ")");
        }
        String s = text.strip();
        Matcher m = SIZE.matcher(s);
        if (!m.matches() || (m.group(2).isEmpty() && m.group(3) != null && m.group(3).length() > 1)) {
            throw new IllegalArgumentException("invalid size '" + s + "' (" + UNITS + ")");
        }
        String prefix = m.group(2).toUpperCase(Locale.ROOT);
        int power = prefix.isEmpty() ? 0 : "KMGT".indexOf(prefix) + 1;
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << (10 * power));
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("size '" + s + "' is too large");
        }
    }

    /** Writes a size in the largest unit that divides it exactly: 10485760 → {@code 10MB}, 1536 → {@code 1536B}. */
    public static String format(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("negative size " + bytes);
        }
        int power = 0;
        long value = bytes;
        while (power < SUFFIXES.length - 1 && value != 0 && value % 1024 == 0) {
            value /= 1024;
            power++;
        }
        return value + SUFFIXES[power];
    }
}
