package io.partner.ppm.api.spi;

import io.partner.ppm.api.Durations;
import io.partner.ppm.api.Sizes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads the parsed YAML values a {@link ConfigContribution} receives (String, Number, Boolean, List,
 * Map) and turns them into typed values, throwing {@link IllegalArgumentException} with a short message
 * in the daemon's style. {@code what} names the value in the message ({@code within: invalid duration
 * 'soon'}); give an empty string for the very value the daemon asked about, whose key the daemon
 * already puts in front of the message.
 */
public final class ConfigValues {

    private static final String MUST_BE_POSITIVE = "must be greater than 0";

    private ConfigValues() {
    }

    /** {@code what: }, or nothing when {@code what} is empty. */
    private static String at(String what) {
        return what == null || what.isEmpty() ? "" : what + ": ";
    }

    /**
     * A duration in the grammar of {@link Durations}, the same as the daemon's own keys: {@code 250ms},
     * {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}, {@code 1m30s}. A YAML number ({@code 5}) is read as
     * its text and refused for having no unit.
     */
    public static Duration duration(Object value, String what) {
        try {
            return Durations.parse(scalarText(value, "a duration such as 5s"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at(what) + e.getMessage());
        }
    }

    /** A duration that must be greater than zero. */
    public static Duration positiveDuration(Object value, String what) {
        Duration d = duration(value, what);
        if (d.isZero()) {
            throw new IllegalArgumentException(at(what) + MUST_BE_POSITIVE);
        }
        return d;
    }

    /**
     * A size in bytes in the grammar of {@link Sizes}, the same as the daemon's own keys: {@code 512KB},
     * {@code 10MB}, {@code 1GB} (powers of 1024) or a plain number of bytes; zero is allowed.
     */
    public static long size(Object value, String what) {
        try {
            return Sizes.parse(scalarText(value, "a size such as 10MB"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(at(what) + e.getMessage());
        }
    }

    /** A size that must be greater than zero. */
    public static long positiveSize(Object value, String what) {
        long bytes = size(value, what);
        if (bytes == 0) {
            throw new IllegalArgumentException(at(what) + MUST_BE_POSITIVE);
        }
        return bytes;
    }

    /**
     * A YAML scalar as text, as the daemon reads its own keys: strings as they are, numbers in decimal,
     * so that {@code 5} and {@code "5"} get the same answer. Anything else is refused.
     */
    private static String scalarText(Object value, String expected) {
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Number) {
            return value.toString();
        }
        throw new IllegalArgumentException("expected " + expected + ", got '" + value + "'");
    }

    /** A whole number of at least {@code min}. */
    public static int integer(Object value, String what, int min) {
        if (!(value instanceof Integer || value instanceof Long || value instanceof Short)
                || ((Number) value).longValue() < min || ((Number) value).longValue() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(at(what) + "expected a whole number of at least " + min + ", got '" + value + "'");
        }
        return ((Number) value).intValue();
    }

    /** {@code true} or {@code false}. */
    public static boolean bool(Object value, String what) {
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException(at(what) + "expected true or false, got '" + value + "'");
        }
        return b;
    }

    /** A non-blank string. */
    public static String string(Object value, String what) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw new IllegalArgumentException(at(what) + "expected a non-empty string, got '" + value + "'");
        }
        return s;
    }

    /** A list of non-blank strings; a single string counts as a list of one. */
    public static List<String> strings(Object value, String what) {
        if (value instanceof String) {
            return List.of(string(value, what));
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            throw new IllegalArgumentException(at(what) + "expected a list of strings, got '" + value + "'");
        }
        List<String> result = new ArrayList<>(list.size());
        for (Object item : list) {
            result.add(string(item, what));
        }
        return List.copyOf(result);
    }

    /** A mapping whose keys are all among {@code allowed}. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object value, String what, Set<String> allowed) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(at(what) + "expected a mapping, got '" + value + "'");
        }
        for (Object key : map.keySet()) {
            if (!allowed.contains(String.valueOf(key))) {
                throw new IllegalArgumentException(
                        at(what) + "unknown key '" + key + "' (known: " + String.join(", ", new TreeSet<>(allowed)) + ")");
            }
        }
        return (Map<String, Object>) map;
    }

    /** A list of anything; a single value is not accepted. */
    public static List<?> list(Object value, String what) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(at(what) + "expected a list, got '" + value + "'");
        }
        return list;
    }
}
