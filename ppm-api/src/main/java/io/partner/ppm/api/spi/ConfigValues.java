package io.partner.ppm.api.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the parsed YAML values a {@link ConfigContribution} receives (String, Number, Boolean, List,
 * Map) and turns them into typed values, throwing {@link IllegalArgumentException} with a short message
 * in the daemon's style. {@code what} names the value in the message ({@code within: invalid duration
 * 'soon'}); give an empty string for the very value the daemon asked about, whose key the daemon
 * already puts in front of the message.
 */
public final class ConfigValues {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(B|KB|MB|GB|TB|KIB|MIB|GIB|TIB)?");

    private ConfigValues() {
    }

    /** {@code what: }, or nothing when {@code what} is empty. */
    private static String at(String what) {
        return what == null || what.isEmpty() ? "" : what + ": ";
    }

    /** A duration written {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h} or {@code 1d}. */
    public static Duration duration(Object value, String what) {
        Matcher m = value instanceof String s ? DURATION.matcher(s.trim()) : null;
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException(at(what) + "invalid duration '" + value + "' (use e.g. 250ms, 5s, 2m, 1h)");
        }
        long amount = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(amount);
            case "s" -> Duration.ofSeconds(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            default -> Duration.ofDays(amount);
        };
    }

    /** A duration that must be greater than zero. */
    public static Duration positiveDuration(Object value, String what) {
        Duration d = duration(value, what);
        if (d.isZero()) {
            throw new IllegalArgumentException(at(what) + "must be greater than 0");
        }
        return d;
    }

    /** A size in bytes written {@code 512KB}, {@code 10MB}, {@code 1GB} (powers of 1024) or as a plain number of bytes. */
    public static long size(Object value, String what) {
        if (value instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()) {
            return n.longValue();
        }
        Matcher m = value instanceof String s ? SIZE.matcher(s.trim().toUpperCase(Locale.ROOT)) : null;
        if (m == null || !m.matches() || Long.parseLong(m.group(1)) <= 0) {
            throw new IllegalArgumentException(at(what) + "invalid size '" + value + "' (use e.g. 512KB, 10MB, 1GB)");
        }
        String unit = m.group(2) == null ? "B" : m.group(2).replace("I", "");
        int shift = switch (unit) {
            case "KB" -> 10;
            case "MB" -> 20;
            case "GB" -> 30;
            case "TB" -> 40;
            default -> 0;
        };
        return Long.parseLong(m.group(1)) << shift;
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
