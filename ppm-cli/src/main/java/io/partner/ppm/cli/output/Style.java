package io.partner.ppm.cli.output;

import io.partner.ppm.api.ServiceState;
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
        boolean terminal = System.console() != null && System.console().isTerminal();
        String noColor = env.get("NO_COLOR");
        boolean dumb = "dumb".equals(env.get("TERM"));
        return new Style(terminal && (noColor == null || noColor.isEmpty()) && !dumb);
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
        return text.replaceAll("\u001b\\[[0-9;]*m", "").length();
    }
}
