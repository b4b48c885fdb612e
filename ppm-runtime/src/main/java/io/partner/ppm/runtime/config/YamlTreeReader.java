package io.partner.ppm.runtime.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.fasterxml.jackson.dataformat.yaml.snakeyaml.error.MarkedYAMLException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads YAML (or JSON, which YAML includes) into a {@link Node} tree that remembers the line and
 * column of every key and value. Anchors and aliases ({@code &name}, {@code *name}) and merge keys
 * ({@code <<: *name}) are resolved here. A syntax error becomes a {@link ConfigException} at the place
 * the parser reports.
 *
 * <p>The text is held to {@link YamlLimits}: its length and nesting by the parser, the number of values
 * with aliases expanded here, as each alias is met (an alias shares its anchor's node, but everything
 * after this reader walks the tree as if it were copied). A NUL character in a key or a value (written as
 * is, or as an escape such as {@code "\0"}) and any other control character but tab and line breaks are
 * refused at their place: no command line, environment, path or user name can carry one.
 */
final class YamlTreeReader {

    private static final String MERGE_KEY = "<<";
    // Jackson names the setting behind a limit it reports; a user can do nothing with that part.
    private static final Pattern SETTING_NAME = Pattern.compile(",? from `[^`]*`");

    private final String source;
    private final Map<String, Anchor> anchors = new HashMap<>();
    /** Values read so far, each alias counting as the values of its anchor. */
    private long values;

    /** An anchored node and how many values it holds, aliases inside it expanded. */
    private record Anchor(Node node, long values) {
    }

    private YamlTreeReader(String source) {
        this.source = source;
    }

    /** Parses one YAML document of at most {@link YamlLimits#MAX_CHARS}. */
    static Optional<Node> read(String text, String source) throws ConfigException {
        return read(text, source, YamlLimits.MAX_CHARS);
    }

    /**
     * Parses one YAML document.
     *
     * @param maxChars the longest text accepted, checked before parsing
     * @return the root node, or empty when the text holds no document (empty or only comments)
     */
    static Optional<Node> read(String text, String source, int maxChars) throws ConfigException {
        if (text.length() > maxChars) {
            throw new ConfigException(source, "too large (" + text.length() + " characters, at most " + maxChars + ")");
        }
        refuseControlCharacters(text, source);
        return new YamlTreeReader(source).readDocument(text);
    }

    /**
     * YAML allows no control character but tab and line breaks; the parser would report one at the start
     * of the document, so find it here and name its place.
     */
    private static void refuseControlCharacters(String text, String source) throws ConfigException {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            } else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7F) {
                String what = c == 0 ? "NUL character (\\0)" : "control character U+%04X".formatted((int) c);
                throw ConfigException.at(new Mark(source, line, i - lineStart + 1), what + ": not allowed");
            }
        }
    }

    // Jackson 2 deprecates its wrapper of SnakeYAML's marked exception but offers no other way to the
    // problem's own line and column (the exception's location is often the previous token's).
    @SuppressWarnings("deprecation")
    private Optional<Node> readDocument(String text) throws ConfigException {
        JsonParser parser = null;
        try (JsonParser opened = YamlLimits.FACTORY.createParser(text)) {
            parser = opened;
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
        } catch (StreamConstraintsException e) {
            // The exception knows no place; the parser stands where the limit was crossed.
            Mark at = parser != null ? mark(parser.currentLocation()) : mark(e.getLocation());
            throw ConfigException.at(at, limitExceeded(e.getOriginalMessage()));
        } catch (JsonProcessingException e) {
            throw ConfigException.at(mark(e.getLocation()), "YAML syntax error: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ConfigException(source, "cannot read: " + e.getMessage(), e);
        }
    }

    private Node readValue(JsonParser parser) throws IOException, ConfigException {
        Mark mark = mark(parser);
        String anchor = anchorOf(parser);
        long before = values;
        Node node = switch (parser.currentToken()) {
            case START_OBJECT -> readMap(parser, mark);
            case START_ARRAY -> readList(parser, mark);
            default -> readScalar(parser, mark);
        };
        if (anchor != null) {
            anchors.put(anchor, new Anchor(node, values - before));
        }
        return node;
    }

    private void count(long more, Mark mark) throws ConfigException {
        values += more;
        if (values > YamlLimits.MAX_VALUES) {
            throw ConfigException.at(mark, "more than " + YamlLimits.MAX_VALUES + " values with the aliases expanded"
                    + " (aliases of aliases multiply: is this an alias bomb?)");
        }
    }

    private MapNode readMap(JsonParser parser, Mark mark) throws IOException, ConfigException {
        count(1, mark);
        Map<String, MapNode.Entry> entries = new LinkedHashMap<>();
        List<MapNode.Entry> merged = new ArrayList<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            Mark keyMark = mark(parser);
            refuseNul(key, keyMark, "key");
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
        count(1, mark);
        List<Node> items = new ArrayList<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            items.add(readValue(parser));
        }
        return new ListNode(items, mark);
    }

    private Node readScalar(JsonParser parser, Mark mark) throws IOException, ConfigException {
        String text = parser.getText();
        if (parser instanceof YAMLParser yaml && yaml.isCurrentAlias()) {
            Anchor target = anchors.get(text);
            if (target == null) {
                throw ConfigException.at(mark, "unknown alias '*" + text + "' (no anchor '&" + text + "' before it)");
            }
            count(target.values(), mark);
            return target.node();
        }
        count(1, mark);
        refuseNul(text, mark, "value");
        return new ScalarNode(scalarValue(parser, text), text, mark);
    }

    private static void refuseNul(String text, Mark mark, String what) throws ConfigException {
        if (text.indexOf('\0') >= 0) {
            throw ConfigException.at(mark, "NUL character (\\0) in a " + what + ": not allowed");
        }
    }

    /** Jackson's words for a limit reached, without the name of its setting. */
    private static String limitExceeded(String message) {
        String text = SETTING_NAME.matcher(message).replaceAll("");
        return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
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
