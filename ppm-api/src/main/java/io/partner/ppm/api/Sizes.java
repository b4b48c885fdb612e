package io.partner.ppm.api;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for sizes, used by the daemon's own configuration keys and, through
 * {@link io.partner.ppm.api.spi.ConfigValues}, by plugin keys: {@code 512KB}, {@code 10MB},
 * {@code 1GB}. Units are powers of 1024 ({@code 1KB} = 1024 bytes; {@code KiB}, {@code MiB}, ... and
 * {@code K}, {@code M}, {@code G} mean the same), case does not matter, one space may stand between
 * number and unit ({@code 10 MB}), and a number alone counts bytes. A size must fit in a {@code long};
 * a larger one is an error, never a wrapped value.
 */
public final class Sizes {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)(i?b)?", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "use a whole number with a unit: B, KB, MB or GB (1KB = 1024 bytes), e.g. 512KB or 10MB";
    /** The prefixes in order: each is 1024 times the one before, K being 1024 bytes. */
    private static final String PREFIXES = "KMGT";
    private static final String[] SUFFIXES = {"B", "KB", "MB", "GB", "TB"};
    private static final int BITS_PER_PREFIX = 10;
    private static final long KIBI = 1L << BITS_PER_PREFIX;

    private Sizes() {
    }

    /**
     * Parses {@code 512KB}, {@code 10MB}, {@code 1GB}, {@code 4096}. Surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException naming the text and the units to use, or saying it is too large
     */
    public static long parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty size (" + UNITS + ")");
        }
        String s = text.strip();
        Matcher m = SIZE.matcher(s);
        // "iB" needs a prefix: 10KiB, not 10iB
        boolean iBWithoutPrefix = m.matches() && m.group(2).isEmpty() && m.group(3) != null && m.group(3).length() > 1;
        if (!m.matches() || iBWithoutPrefix) {
            throw new IllegalArgumentException("invalid size '" + s + "' (" + UNITS + ")");
        }
        String prefix = m.group(2).toUpperCase(Locale.ROOT);
        int power = prefix.isEmpty() ? 0 : PREFIXES.indexOf(prefix) + 1;
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << (BITS_PER_PREFIX * power));
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
        while (power < SUFFIXES.length - 1 && value != 0 && value % KIBI == 0) {
            value /= KIBI;
            power++;
        }
        return value + SUFFIXES[power];
    }
}
