package io.partner.ppm.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads YAML (or JSON, which YAML includes) into a {@link Node} tree that remembers the line and
 * column of every key and value. Anchors and aliases ({@code &name}, {@code *name}) and merge keys
 * ({@code <<: *name}) are resolved here. A syntax error becomes a {@link ConfigException} at the place
 * the parser reports.
 */
final class YamlTreeReader {

    private static final YAMLFactory YAML = new YAMLFactory();
    private static final String MERGE_KEY = "<<";

    private final String source;
    private final Map<String, Node> anchors = new HashMap<>();

    private YamlTreeReader(String source) {
        this.source = source;
    }

    /**
     * Parses one YAML document.
     *
     * @return the root node, or empty when the text holds no document (empty or only comments)
     */
    static Optional<Node> read(String text, String source) throws ConfigException {
        return new YamlTreeReader(source).readDocument(text);
    }

    // Jackson 2 deprecates its wrapper of SnakeYAML's marked exception but offers no other way to the
    // problem's own line and column (the exception's location is often the previous token's).
    @SuppressWarnings("deprecation")
    private Optional<Node> readDocument(String text) throws ConfigException {
        try (JsonParser parser = YAML.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return Optional.empty();
            }
            Node root = readValue(parser);
            if (parser.nextToken() != null) {
                throw ConfigException.at(mark(parser), "only one YAML document is allowed (remove the second '---')");
            }
            return Optional.of(root);
        } catch (MarkedYAMLException e) {
            throw syntaxError(e);
        } catch (JsonProcessingException e) {
            throw ConfigException.at(mark(e.getLocation()), "YAML syntax error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    private Node readValue(JsonParser parser) throws IOException, ConfigException {
        Mark mark = mark(parser);
        String anchor = anchorOf(parser);
        Node node = switch (parser.currentToken()) {
            case START_OBJECT -> readMap(parser, mark);
            case START_ARRAY -> readList(parser, mark);
            default -> readScalar(parser, mark);
        };
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private MapNode readMap(JsonParser parser, Mark mark) throws IOException, ConfigException {
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        List<MapNode.Entry> merged = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Mark keyMark = mark(parser);
            parser.nextToken();
            Node value = readValue(parser);
            if (key.equals(MERGE_KEY)) {
                merged.addAll(mergeEntries(value));
                continue;
            }
            MapNode.Entry previous = entries.putIfAbsent(key, new MapNode.Entry(key, keyMark, value));
            if (previous != null) {
                throw ConfigException.at(keyMark,
                        "duplicate key '" + key + "' (first at line " + previous.keyMark().line() + ")");
            }
        }
        // Keys written in the mapping itself win over keys brought in by '<<'.
        for (MapNode.Entry entry : merged) {
            entries.putIfAbsent(entry.key(), entry);
        }
        return new MapNode(new ArrayList<>(entries.values()), mark);
    }

    private List<MapNode.Entry> mergeEntries(Node value) throws ConfigException {
        if (value instanceof MapNode map) {
            return map.entries();
        }
        if (value instanceof ListNode list) {
            List<MapNode.Entry> all = new ArrayList<>();
            for (Node item : list.items()) {
                all.addAll(mergeEntries(item));
            }
            return all;
        }
        throw ConfigException.at(value.mark(), "'<<' needs a mapping or an alias of one, got " + value.kind());
    }

    private ListNode readList(JsonParser parser, Mark mark) throws IOException, ConfigException {
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser));
        }
        return new ListNode(items, mark);
    }

    private Node readScalar(JsonParser parser, Mark mark) throws IOException, ConfigException {
        String text = parser.getText();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            Node target = anchors.get(text);
            if (target == null) {
                throw ConfigException.at(mark, "unknown alias '*" + text + "' (no anchor '&" + text + "' before it)");
            }
            return target;
        }
        return new ScalarNode(scalarValue(parser, text), text, mark);
    }

    private static Object scalarValue(JsonParser parser, String text) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> numberOrText(parser, text);
            default -> text;
        };
    }

    // YAML spellings such as .inf are typed as numbers but Jackson cannot decode them; keep the text.
    private static Object numberOrText(JsonParser parser, String text) throws IOException {
        try {
            return parser.getNumberValue();
        } catch (JsonProcessingException | NumberFormatException e) {
            return text;
        }
    }

    private static String anchorOf(JsonParser parser) throws IOException {
        return parser instanceof YAMLParser yaml ? yaml.getObjectId() : null;
    }

    @SuppressWarnings("deprecation")
    private ConfigException syntaxError(MarkedYAMLException e) {
        var problemMark = e.getProblemMark();
        Mark at = problemMark != null
                ? new Mark(source, problemMark.getLine() + 1, problemMark.getColumn() + 1)
                : mark(e.getLocation());
        String problem = e.getProblem() != null ? e.getProblem() : e.getOriginalMessage();
        String context = e.getContext();
        var contextMark = e.getContextMark();
        if (context != null && contextMark != null) {
            problem += " (" + context + " started at line " + (contextMark.getLine() + 1) + ")";
        }
        // The parser speaks of block tokens when a line does not line up with its neighbours.
        if (problem.contains("<block")) {
            problem += ": check the indentation";
        }
        return ConfigException.at(at, "YAML syntax error: " + problem);
    }

    private Mark mark(JsonParser parser) {
        return mark(parser.currentTokenLocation());
    }

    private Mark mark(JsonLocation location) {
        return location == null ? new Mark(source, 0, 0) : new Mark(source, location.getLineNr(), location.getColumnNr());
    }
}
