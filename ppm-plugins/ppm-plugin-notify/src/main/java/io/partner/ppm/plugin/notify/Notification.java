package io.partner.ppm.plugin.notify;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One event as targets receive it.
 *
 * @param exitCode the exit code, or null when the process was killed or there was no process
 * @param signal the name of the signal that killed it ({@code KILL}), or null
 */
record Notification(String host, String service, String event, String state, Integer exitCode, String signal,
        int restarts, String message, Instant time) {

    /** The notify name of an event type, or null for events that are never notified. */
    static String eventName(ServiceEvent.Type type) {
        return switch (type) {
            case STARTED -> "started";
            case RESTARTED -> "restarted";
            case FINISHED -> "finished";
            case CRASHED -> "crashed";
            case GAVE_UP -> "gave_up";
            default -> null;
        };
    }

    static Notification of(ServiceEvent event, String host) {
        ExitStatus exit = event.exit();
        return new Notification(host, event.service(), eventName(event.type()), event.state().label(),
                exit == null || exit.isSignal() ? null : exit.exitCode(), exit == null ? null : exit.signalName(),
                event.restarts(), event.message(), Instant.ofEpochMilli(event.timestamp()));
    }

    /** One line for people: {@code [host] web crashed (exit code 3)}. */
    String text() {
        String how = exitCode != null ? " (exit code " + exitCode + ")" : signal != null ? " (killed by SIG" + signal + ")" : "";
        String verb = switch (event) {
            case "gave_up" -> "crashed too often: PPM gave up restarting it";
            default -> event;
        };
        return "[" + host + "] " + service + " " + verb + how;
    }

    /** The JSON body of a webhook POST; with {@code slack}, also a {@code text} field. */
    String json(boolean slack) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("host", host);
        fields.put("service", service);
        fields.put("event", event);
        fields.put("state", state);
        fields.put("exit_code", exitCode);
        fields.put("signal", signal);
        fields.put("restarts", restarts);
        fields.put("message", message);
        fields.put("time", time.toString());
        if (slack) {
            fields.put("text", text());
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((key, value) -> {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append('"').append(key).append("\":");
            if (value == null) {
                json.append("null");
            } else if (value instanceof Number n) {
                json.append(n);
            } else {
                quote(json, value.toString());
            }
        });
        return json.append('}').toString();
    }

    /** The environment of a command target. */
    Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PPM_HOST", host);
        env.put("PPM_SERVICE", service);
        env.put("PPM_EVENT", event);
        env.put("PPM_STATE", state);
        env.put("PPM_EXIT_CODE", exitCode == null ? "" : exitCode.toString());
        env.put("PPM_SIGNAL", signal == null ? "" : signal);
        env.put("PPM_RESTARTS", Integer.toString(restarts));
        env.put("PPM_MESSAGE", message == null ? "" : message);
        env.put("PPM_TIME", time.toString());
        return env;
    }

    /** Writes {@code text} as a JSON string literal (the plugin carries no JSON library). */
    private static void quote(StringBuilder out, String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
