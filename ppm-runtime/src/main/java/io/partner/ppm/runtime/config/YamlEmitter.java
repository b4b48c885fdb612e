package io.partner.ppm.runtime.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes plain values (String, Number, Boolean, null, List, Map) as block-style YAML that
 * {@link YamlTreeReader} reads back to equal values: strings that YAML would take for something else
 * ({@code yes}, {@code 0755}, {@code 1.5}, text with {@code :} or {@code #}) are double-quoted, and
 * <code>${</code> is written <code>$${</code> so that expansion gives it back unchanged.
 */
final class YamlEmitter {

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_/][A-Za-z0-9_./@+-]*");
    private static final Pattern WITH_UNIT = Pattern.compile("\\d+[A-Za-z]+(\\d+[A-Za-z]+)*");
    private static final Pattern RADIX_PREFIX = Pattern.compile("0[xXoObB].*");
    private static final Pattern DOTTED_NUMBERS = Pattern.compile("\\d+(\\.\\d+){2,}");
    private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
    private static final Set<String> RESERVED =
            Set.of("true", "false", "yes", "no", "on", "off", "y", "n", "null", "nan", "inf");
    private static final int STEP = 2;

    private final StringBuilder out = new StringBuilder();
    private boolean continuesItem;

    void comment(String text) {
        out.append("# ").append(text).append('\n');
    }

    /** {@code key: value} at {@code indent}, nested values below it. */
    void entry(int indent, String key, Object value) {
        pad(indent);
        out.append(key(key)).append(':');
        valueAfterIndicator(indent, value);
    }

    /** {@code key:} alone on its line, for a block that follows. */
    void open(int indent, String key) {
        pad(indent);
        out.append(key(key)).append(":\n");
    }

    /** Every entry of {@code map} at {@code indent}. */
    void entries(int indent, Map<String, ?> map) {
        for (Map.Entry<String, ?> e : map.entrySet()) {
            entry(indent, e.getKey(), e.getValue());
        }
    }

    /** {@code - value} at {@code indent}; a mapping starts on the dash's line. */
    void item(int indent, Object value) {
        pad(indent);
        out.append('-');
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            continuesItem = true;
            entries(indent + STEP, stringKeys(map));
        } else {
            valueAfterIndicator(indent, value);
        }
    }

    String text() {
        return out.toString();
    }

    private void valueAfterIndicator(int indent, Object value) {
        if (value instanceof Map<?, ?> map && !map.isEmpty()) {
            out.append('\n');
            entries(indent + STEP, stringKeys(map));
        } else if (value instanceof List<?> list && !list.stream().allMatch(YamlEmitter::isScalar)) {
            out.append('\n');
            list.forEach(item -> item(indent + STEP, item));
        } else {
            out.append(' ').append(inline(value)).append('\n');
        }
    }

    private void pad(int indent) {
        if (continuesItem) {
            out.append(' ');
            continuesItem = false;
        } else {
            out.append(" ".repeat(indent));
        }
    }

    /** A scalar, an empty mapping or a list of scalars, on one line. */
    private static String inline(Object value) {
        if (value instanceof Map<?, ?>) {
            return "{}";
        }
        if (value instanceof List<?> list) {
            StringBuilder flow = new StringBuilder("[");
            for (Object item : list) {
                flow.append(flow.length() > 1 ? ", " : "").append(item instanceof String s ? quoted(s) : scalar(item));
            }
            return flow.append(']').toString();
        }
        return scalar(value);
    }

    static String scalar(Object value) {
        return switch (value) {
            case null -> "null";
            case String s -> isPlain(s) ? Interpolator.escape(s) : quoted(s);
            default -> String.valueOf(value);
        };
    }

    static String key(String key) {
        return PLAIN_KEY.matcher(key).matches() && !RESERVED.contains(key.toLowerCase(Locale.ROOT)) ? key : doubleQuote(key);
    }

    static boolean isPlain(String s) {
        if (RESERVED.contains(s.toLowerCase(Locale.ROOT))) {
            return false;
        }
        return PLAIN.matcher(s).matches()
                || (WITH_UNIT.matcher(s).matches() && !RADIX_PREFIX.matcher(s).matches())
                || DOTTED_NUMBERS.matcher(s).matches();
    }

    private static String quoted(String s) {
        return doubleQuote(Interpolator.escape(s));
    }

    private static String doubleQuote(String s) {
        StringBuilder q = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> q.append("\\\"");
                case '\\' -> q.append("\\\\");
                case '\n' -> q.append("\\n");
                case '\t' -> q.append("\\t");
                case '\r' -> q.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029 || c == 0xFEFF) {
                        q.append(String.format("\\u%04X", (int) c));
                    } else {
                        q.append(c);
                    }
                }
            }
        }
        return q.append('"').toString();
    }

    private static boolean isScalar(Object value) {
        return !(value instanceof Map<?, ?>) && !(value instanceof List<?>);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> stringKeys(Map<?, ?> map) {
        return (Map<String, ?>) map;
    }
}
