package io.partner.ppm.runtime.config;

import io.partner.ppm.api.Durations;
import io.partner.ppm.api.Sizes;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads typed values out of {@link Node}s. Every mistake becomes a {@link ConfigException} at the
 * node's place, naming the key ({@link Scope}) and what was expected.
 *
 * <p>Values that arrive as strings after {@code ${VAR}} expansion ({@code port: ${PORT}}) are read
 * like the same value written directly.
 */
final class NodeValues {

    private NodeValues() {
    }

    static MapNode map(Node node, Scope scope) throws ConfigException {
        if (node instanceof MapNode map) {
            return map;
        }
        throw wrongType(node, scope, "a mapping");
    }

    static ListNode list(Node node, Scope scope) throws ConfigException {
        if (node instanceof ListNode list) {
            return list;
        }
        throw wrongType(node, scope, "a list");
    }

    /** Any scalar as text ({@code user: 1000} gives {@code "1000"}); mappings, lists and null are refused. */
    static String string(Node node, Scope scope) throws ConfigException {
        if (node instanceof ScalarNode scalar && !scalar.isNull()) {
            return scalar.isString() ? (String) scalar.value() : scalar.text();
        }
        throw wrongType(node, scope, "a string");
    }

    /** A string that is not empty or blank. */
    static String nonBlank(Node node, Scope scope) throws ConfigException {
        String text = string(node, scope);
        if (text.isBlank()) {
            throw ConfigException.at(node.mark(), scope.problem("must not be empty"));
        }
        return text;
    }

    static boolean bool(Node node, Scope scope) throws ConfigException {
        if (node instanceof ScalarNode scalar) {
            if (scalar.value() instanceof Boolean b) {
                return b;
            }
            if (scalar.isString()) {
                String text = scalar.text().strip().toLowerCase(Locale.ROOT);
                if (text.equals("true") || text.equals("false")) {
                    return Boolean.parseBoolean(text);
                }
                throw ConfigException.at(node.mark(), scope.problem("expected true or false, got '" + scalar.text() + "'"));
            }
        }
        throw wrongType(node, scope, "true or false");
    }

    static int integer(Node node, Scope scope, int min, int max) throws ConfigException {
        String text = scalarText(node, scope, "a whole number");
        Object value = ((ScalarNode) node).value();
        boolean whole = value instanceof Integer || value instanceof Long || value instanceof BigInteger
                || (value instanceof String && text.strip().matches("[-+]?\\d+"));
        if (!whole) {
            throw ConfigException.at(node.mark(), scope.problem("expected a whole number, got '" + text + "'"));
        }
        BigInteger number = new BigInteger(value instanceof String ? text.strip() : value.toString());
        if (number.compareTo(BigInteger.valueOf(min)) < 0 || number.compareTo(BigInteger.valueOf(max)) > 0) {
            throw ConfigException.at(node.mark(), scope.problem(text.strip() + " is out of range (" + min + "-" + max + ")"));
        }
        return number.intValueExact();
    }

    static Duration duration(Node node, Scope scope) throws ConfigException {
        String text = scalarText(node, scope, "a duration such as 5s");
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(node.mark(), scope.problem(e.getMessage()));
        }
    }

    static long size(Node node, Scope scope) throws ConfigException {
        String text = scalarText(node, scope, "a size such as 10MB");
        try {
            return Sizes.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(node.mark(), scope.problem(e.getMessage()));
        }
    }

    /** A list of strings; a single string is not taken for a list of one. */
    static List<String> strings(Node node, Scope scope) throws ConfigException {
        List<String> values = new ArrayList<>();
        for (Node item : list(node, scope).items()) {
            values.add(string(item, scope));
        }
        return values;
    }

    /** Refuses a key that is not one of {@code known}, with a near-miss suggestion among them. */
    static void checkKeys(MapNode map, Collection<String> known, Scope scope) throws ConfigException {
        for (MapNode.Entry entry : map.entries()) {
            if (!known.contains(entry.key())) {
                throw unknownKey(entry, known, scope);
            }
        }
    }

    static ConfigException unknownKey(MapNode.Entry entry, Collection<String> known, Scope scope) {
        String where = scope == Scope.TOP ? "unknown top-level key '" + entry.key() + "'"
                : "unknown key '" + entry.key() + "' in " + scope.describe();
        return ConfigException.at(entry.keyMark(), where + NearMiss.suggestion(entry.key(), known));
    }

    /**
     * The node as plain Java values, as plugins receive them: String, Integer, Long, BigInteger,
     * Double, Boolean, null, and unmodifiable List and Map (keys in the order written).
     */
    static Object plain(Node node) {
        return switch (node) {
            case ScalarNode scalar -> scalar.value();
            case ListNode list -> {
                List<Object> items = new ArrayList<>(list.items().size());
                for (Node item : list.items()) {
                    items.add(plain(item));
                }
                yield Collections.unmodifiableList(items);
            }
            case MapNode map -> {
                Map<String, Object> entries = new LinkedHashMap<>();
                for (MapNode.Entry entry : map.entries()) {
                    entries.put(entry.key(), plain(entry.value()));
                }
                yield Collections.unmodifiableMap(entries);
            }
        };
    }

    /** The reverse of {@link #plain(Node)}: a tree for values that were read before, every node at {@code mark}. */
    static Node fromPlain(Object value, Mark mark) {
        return switch (value) {
            case Map<?, ?> map -> {
                List<MapNode.Entry> entries = new ArrayList<>();
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    entries.add(new MapNode.Entry(String.valueOf(entry.getKey()), mark, fromPlain(entry.getValue(), mark)));
                }
                yield new MapNode(entries, mark);
            }
            case List<?> list -> {
                List<Node> items = new ArrayList<>();
                for (Object item : list) {
                    items.add(fromPlain(item, mark));
                }
                yield new ListNode(items, mark);
            }
            case null -> new ScalarNode(null, "null", mark);
            default -> new ScalarNode(value, String.valueOf(value), mark);
        };
    }

    private static String scalarText(Node node, Scope scope, String expected) throws ConfigException {
        if (node instanceof ScalarNode scalar && !scalar.isNull() && !(scalar.value() instanceof Boolean)) {
            return scalar.isString() ? (String) scalar.value() : scalar.text();
        }
        throw wrongType(node, scope, expected);
    }

    static ConfigException wrongType(Node node, Scope scope, String expected) {
        return ConfigException.at(node.mark(), scope.problem("expected " + expected + ", got " + node.kind()));
    }
}
