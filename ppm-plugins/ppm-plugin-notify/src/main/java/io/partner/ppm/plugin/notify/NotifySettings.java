package io.partner.ppm.plugin.notify;

import io.partner.ppm.api.spi.ConfigValues;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code notify:} section, parsed and checked:
 *
 * <pre>
 * notify:
 *   events: [crashed, gave_up]        # default for every target
 *   timeout: 5s                       # default for every target
 *   retries: 3                        # default for every target
 *   backoff: 1s                       # default for every target
 *   rate_limit: { max: 10, per: 1m }  # per service, over all targets
 *   targets:
 *     - url: https://hooks.slack.com/services/...
 *       slack: true
 *     - url: https://ops.example.com/hook
 *       headers: { Authorization: "Bearer ..." }
 *       events: [gave_up]
 *       services: [web]
 *     - command: ["/usr/local/bin/page-oncall"]
 * </pre>
 */
record NotifySettings(List<Target> targets, RateLimit rateLimit) {

    static final String SECTION = "notify";
    static final Set<String> EVENTS = Set.of("started", "restarted", "finished", "crashed", "gave_up");
    static final NotifySettings NONE = new NotifySettings(List.of(), RateLimit.DEFAULT);

    private static final Set<String> SECTION_KEYS = Set.of("events", "timeout", "retries", "backoff", "rate_limit", "targets");
    private static final Set<String> TARGET_KEYS =
            Set.of("url", "slack", "headers", "command", "events", "services", "timeout", "retries", "backoff");
    private static final List<String> DEFAULT_EVENTS = List.of("crashed", "gave_up");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
    private static final int DEFAULT_RETRIES = 3;
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);

    /**
     * A rate limit per service: at most {@code max} notifications within any {@code per}.
     */
    record RateLimit(int max, Duration per) {
        static final RateLimit DEFAULT = new RateLimit(10, Duration.ofMinutes(1));
    }

    NotifySettings {
        targets = List.copyOf(targets);
    }

    /** @throws IllegalArgumentException naming the key that is wrong within the section, e.g. {@code targets[1].url} */
    static NotifySettings parse(Object section) {
        if (section == null) {
            return NONE;
        }
        Map<String, Object> map = ConfigValues.map(section, "", SECTION_KEYS);
        Target defaults = new Target(null, false, Map.of(), null,
                events(map.getOrDefault("events", DEFAULT_EVENTS), "events"), Set.of(),
                map.containsKey("timeout") ? ConfigValues.positiveDuration(map.get("timeout"), "timeout") : DEFAULT_TIMEOUT,
                map.containsKey("retries") ? ConfigValues.integer(map.get("retries"), "retries", 0) : DEFAULT_RETRIES,
                map.containsKey("backoff") ? ConfigValues.duration(map.get("backoff"), "backoff") : DEFAULT_BACKOFF);
        RateLimit limit = map.containsKey("rate_limit") ? rateLimit(map.get("rate_limit")) : RateLimit.DEFAULT;
        List<Target> targets = new ArrayList<>();
        if (map.containsKey("targets")) {
            List<?> list = ConfigValues.list(map.get("targets"), "targets");
            for (int i = 0; i < list.size(); i++) {
                targets.add(target(list.get(i), "targets[" + i + "]", defaults));
            }
        }
        return new NotifySettings(targets, limit);
    }

    private static Target target(Object value, String where, Target defaults) {
        Map<String, Object> map = ConfigValues.map(value, where, TARGET_KEYS);
        boolean hasUrl = map.containsKey("url");
        if (hasUrl == map.containsKey("command")) {
            throw new IllegalArgumentException(where + ": give either url or command");
        }
        String url = hasUrl ? url(map.get("url"), where + ".url") : null;
        List<String> command = hasUrl ? null : ConfigValues.strings(map.get("command"), where + ".command");
        if (!hasUrl && (map.containsKey("slack") || map.containsKey("headers"))) {
            throw new IllegalArgumentException(where + ": slack and headers are for url targets");
        }
        return new Target(url,
                map.containsKey("slack") && ConfigValues.bool(map.get("slack"), where + ".slack"),
                headers(map.get("headers"), where + ".headers"),
                command,
                map.containsKey("events") ? events(map.get("events"), where + ".events") : defaults.events(),
                map.containsKey("services") ? new LinkedHashSet<>(ConfigValues.strings(map.get("services"), where + ".services")) : Set.of(),
                map.containsKey("timeout") ? ConfigValues.positiveDuration(map.get("timeout"), where + ".timeout") : defaults.timeout(),
                map.containsKey("retries") ? ConfigValues.integer(map.get("retries"), where + ".retries", 0) : defaults.retries(),
                map.containsKey("backoff") ? ConfigValues.duration(map.get("backoff"), where + ".backoff") : defaults.backoff());
    }

    private static String url(Object value, String where) {
        String text = ConfigValues.string(value, where);
        try {
            URI uri = new URI(text);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new IllegalArgumentException(where + ": '" + text + "' is not an http:// or https:// URL");
            }
            return text;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(where + ": '" + text + "' is not a valid URL (" + e.getReason() + ")");
        }
    }

    private static Set<String> events(Object value, String where) {
        Set<String> events = new LinkedHashSet<>();
        for (String event : ConfigValues.strings(value, where)) {
            if (!EVENTS.contains(event)) {
                throw new IllegalArgumentException(where + ": unknown event '" + event
                        + "' (use started, restarted, finished, crashed, gave_up)");
            }
            events.add(event);
        }
        return Set.copyOf(events);
    }

    private static Map<String, String> headers(Object value, String where) {
        if (value == null) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<?, ?> map = value instanceof Map<?, ?> m ? m : null;
        if (map == null) {
            throw new IllegalArgumentException(where + ": expected a mapping of header names to values");
        }
        map.forEach((k, v) -> headers.put(String.valueOf(k), ConfigValues.string(String.valueOf(v), where + "." + k)));
        return Map.copyOf(headers);
    }

    private static RateLimit rateLimit(Object value) {
        String where = "rate_limit";
        Map<String, Object> map = ConfigValues.map(value, where, Set.of("max", "per"));
        return new RateLimit(
                map.containsKey("max") ? ConfigValues.integer(map.get("max"), where + ".max", 1) : RateLimit.DEFAULT.max(),
                map.containsKey("per") ? ConfigValues.positiveDuration(map.get("per"), where + ".per") : RateLimit.DEFAULT.per());
    }
}
