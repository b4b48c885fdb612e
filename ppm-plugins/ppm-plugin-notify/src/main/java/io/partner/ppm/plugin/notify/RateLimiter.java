package io.partner.ppm.plugin.notify;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * At most {@code max} notifications per service within any {@code per}, so that a crash loop cannot
 * flood a channel. The window slides: as old notifications age out, new ones are let through again.
 */
final class RateLimiter {

    private final Map<String, Deque<Instant>> sent = new HashMap<>();
    private final Map<String, Integer> suppressed = new HashMap<>();

    /** Whether a notification about {@code service} may go out at {@code now}; if so it is counted. */
    synchronized boolean tryAcquire(String service, Instant now, NotifySettings.RateLimit limit) {
        Deque<Instant> times = sent.computeIfAbsent(service, s -> new ArrayDeque<>());
        Instant horizon = now.minus(limit.per());
        while (!times.isEmpty() && !times.peekFirst().isAfter(horizon)) {
            times.pollFirst();
        }
        if (times.size() >= limit.max()) {
            suppressed.merge(service, 1, Integer::sum);
            return false;
        }
        times.addLast(now);
        return true;
    }

    /** How many notifications about {@code service} were held back since the last call, and resets the count. */
    synchronized int takeSuppressed(String service) {
        Integer count = suppressed.remove(service);
        return count == null ? 0 : count;
    }
}
