package io.partner.ppm.plugin.notify;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where notifications go: a webhook ({@code url}) or a command.
 *
 * @param url the webhook URL, or null for a command target
 * @param slack whether the JSON carries a Slack-compatible {@code text}
 * @param headers extra HTTP headers (e.g. Authorization)
 * @param command the argument vector of a command target, or null
 * @param events the event names this target wants
 * @param services the services this target is about; empty means all
 * @param timeout how long one attempt may take
 * @param retries how many times a failed attempt is tried again
 * @param backoff the delay before the first retry; it doubles for each further one
 */
record Target(
        String url,
        boolean slack,
        Map<String, String> headers,
        List<String> command,
        Set<String> events,
        Set<String> services,
        Duration timeout,
        int retries,
        Duration backoff) {

    boolean wants(String event, String service) {
        return events.contains(event) && (services.isEmpty() || services.contains(service));
    }

    /** For log lines: the URL without its query (it may hold a token) or the command's program. */
    String label() {
        if (url != null) {
            int query = url.indexOf('?');
            return query < 0 ? url : url.substring(0, query);
        }
        return command.getFirst();
    }

    /** The delay before retry number {@code n} (1-based): {@code backoff * 2^(n-1)}. */
    Duration delayBeforeRetry(int n) {
        return backoff.multipliedBy(1L << Math.min(n - 1, 20));
    }
}
