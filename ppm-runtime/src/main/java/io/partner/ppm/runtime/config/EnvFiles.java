package io.partner.ppm.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads an {@code env_file}: one {@code KEY=VALUE} per line, as Docker and systemd write them.
 *
 * <ul>
 *   <li>Blank lines and lines starting with {@code #} are skipped; an optional {@code export } prefix is allowed.</li>
 *   <li>{@code KEY="VALUE"} understands {@code \n}, {@code \t}, {@code \"}, {@code \\} and {@code \$};
 *       {@code KEY='VALUE'} is taken literally.</li>
 *   <li>Unquoted values are trimmed, and a {@code #} after a space starts a comment.</li>
 *   <li>Nothing is expanded: {@code $HOME} stays {@code $HOME}.</li>
 *   <li>A later line wins over an earlier one with the same key.</li>
 * </ul>
 *
 * <p>The file must be a regular file of at most {@link #MAX_BYTES} (checked before it is opened, so a
 * FIFO or {@code /dev/zero} is refused at once), UTF-8, without NUL characters.
 */
public final class EnvFiles {

    /** The largest {@code env_file}: 1 MiB, far more than an environment holds (Linux allows 2 MiB for all of argv and env). */
    public static final long MAX_BYTES = 1024 * 1024;

    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");

    private EnvFiles() {
    }

    /**
     * Reads the file.
     *
     * @return the variables in the order written
     * @throws UncheckedIOException when the file cannot be read, is not a regular file or is too large
     * @throws IllegalArgumentException for a malformed line: {@code FILE:LINE: what is wrong}
     */
    public static Map<String, String> read(Path file) {
        List<String> lines;
        try {
            lines = TextFiles.read(file, MAX_BYTES).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + IoMessages.describe(e), e);
        }
        Map<String, String> variables = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int nul = lines.get(i).indexOf('\0');
            if (nul >= 0) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ":" + (nul + 1) + ": NUL character (\\0): not allowed");
            }
            try {
                parseLine(lines.get(i), variables);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return Collections.unmodifiableMap(variables);
    }

    private static void parseLine(String raw, Map<String, String> variables) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
            return;
        }
        if (line.startsWith("export ") || line.startsWith("export\t")) {
            line = line.substring(7).strip();
        }
        int eq = line.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("expected KEY=VALUE, got '" + line + "'");
        }
        String key = line.substring(0, eq).strip();
        if (!KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("invalid variable name '" + key + "'");
        }
        variables.put(key, value(line.substring(eq + 1).strip()));
    }

    private static String value(String text) {
        if (text.startsWith("\"")) {
            return doubleQuoted(text);
        }
        if (text.startsWith("'")) {
            int end = text.indexOf('\'', 1);
            if (end < 0) {
                throw new IllegalArgumentException("unclosed ' in value");
            }
            return text.substring(1, end);
        }
        int comment = text.indexOf(" #");
        return (comment < 0 ? text : text.substring(0, comment)).strip();
    }

    private static String doubleQuoted(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                return out.toString();
            }
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                out.append(c);
            }
        }
        throw new IllegalArgumentException("unclosed \" in value");
    }
}
