package io.partner.ppm.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Expands {@code ${VAR}} and {@code ${VAR:-default}} in the string values of a configuration tree.
 *
 * <ul>
 *   <li>{@code ${VAR}}: the variable's value; an unset variable is an error.</li>
 *   <li>{@code ${VAR:-default}}: the default when the variable is unset or empty (as in the shell).
 *       The default is taken literally up to the first <code>}</code>.</li>
 *   <li><code>$${</code>: a literal <code>${</code>, not expanded. Any other {@code $} is kept as it is, so
 *       shell commands such as {@code echo $HOME $$} reach the shell unchanged.</li>
 * </ul>
 * Keys are never expanded, only values.
 */
final class Interpolator {

    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, String> environment;

    Interpolator(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** A copy of the tree with every string value expanded. */
    Node expand(Node node) throws ConfigException {
        return switch (node) {
            case ScalarNode scalar -> scalar.isString() && scalar.text().contains("$") ? scalar.withValue(expand(scalar.text(), scalar.mark())) : scalar;
            case ListNode list -> {
                List<Node> items = new ArrayList<>(list.items().size());
                for (Node item : list.items()) {
                    items.add(expand(item));
                }
                yield new ListNode(items, list.mark());
            }
            case MapNode map -> {
                List<MapNode.Entry> entries = new ArrayList<>(map.entries().size());
                for (MapNode.Entry entry : map.entries()) {
                    entries.add(new MapNode.Entry(entry.key(), entry.keyMark(), expand(entry.value())));
                }
                yield new MapNode(entries, map.mark());
            }
        };
    }

    /** Expands one string; errors name {@code mark}, the place of the value. */
    String expand(String text, Mark mark) throws ConfigException {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int end = text.indexOf('}', i + 2);
                if (end < 0) {
                    throw ConfigException.at(mark, "unclosed '${' in '" + text + "' (write $${ for a literal ${)");
                }
                out.append(resolve(text.substring(i + 2, end), mark));
                i = end + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    /** Escapes a literal value so that {@link #expand(String, Mark)} gives it back unchanged. */
    static String escape(String literal) {
        return literal.replace("${", "$${");
    }

    private String resolve(String expression, Mark mark) throws ConfigException {
        int split = expression.indexOf(":-");
        String name = split < 0 ? expression : expression.substring(0, split);
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw ConfigException.at(mark, "invalid variable name '" + name + "' in '${" + expression
                    + "}' (use letters, digits and '_'; ${VAR} or ${VAR:-default})");
        }
        String value = environment.get(name);
        if (split >= 0) {
            return value == null || value.isEmpty() ? expression.substring(split + 2) : value;
        }
        if (value == null) {
            throw ConfigException.at(mark, "environment variable '" + name + "' is not set (use ${" + name
                    + ":-default} to give a default)");
        }
        return value;
    }
}
