package io.partner.ppm.cli.output;

import io.partner.ppm.api.ServiceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * ANSI colours, used only when output goes to a terminal and {@code NO_COLOR} is not set
 * (https://no-color.org): piped output and scripts get plain text.
 */
public final class Style {

    private static final String RESET = "\u001b[0m";

    private final boolean enabled;

    private Style(boolean enabled) {
        this.enabled = enabled;
    }

    /** Colour when stdout is a terminal and the environment does not ask for none. */
    public static Style detect(Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        if ((noColor != null && !noColor.isEmpty()) || "dumb".equals(env.get("TERM"))) {
            return new Style(false);
        }
        return new Style(stdoutIsTerminal());
    }

    /**
     * Whether standard output is a terminal. On Linux the link {@code /proc/self/fd/1} says so at
     * no cost; {@link System#console()} (the fallback elsewhere) looks up console providers, which
     * costs a short command a noticeable part of its run, and answers for stdin as well.
     */
    private static boolean stdoutIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null && System.console().isTerminal();
        }
    }

    public static Style plain() {
        return new Style(false);
    }

    public boolean enabled() {
        return enabled;
    }

    public String state(ServiceState state) {
        String code = switch (state) {
            case RUNNING -> "32";
            case CRASHED -> "31";
            case STOPPED -> "33";
            case CREATED -> "36";
            case FINISHED -> "2";
        };
        return paint(code, state.label());
    }

    public String bold(String text) {
        return paint("1", text);
    }

    public String dim(String text) {
        return paint("2", text);
    }

    public String red(String text) {
        return paint("31", text);
    }

    public String cyan(String text) {
        return paint("36", text);
    }

    private String paint(String code, String text) {
        return enabled ? "\u001b[" + code + "m" + text + RESET : text;
    }

    /** The width a string takes on screen, colour codes not counted. */
    public static int visibleLength(String text) {
        int length = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\u001b') {
                while (i < text.length() && text.charAt(i) != 'm') {
                    i++;
                }
            } else {
                length++;
            }
        }
        return length;
    }
}
