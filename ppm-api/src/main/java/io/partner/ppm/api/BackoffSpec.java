package io.partner.ppm.api;

import java.time.Duration;
import java.util.Objects;

/**
 * The restart backoff of a service: the delay before the n-th consecutive restart is
 * {@code interval * 2^(n-1)}, capped at {@code max}. The count goes back to 0 once the service has
 * stayed running for {@code resetAfter}; after {@code maxRestarts} consecutive restarts
 * (0 = no limit) the daemon gives up.
 */
public record BackoffSpec(Duration interval, Duration max, Duration resetAfter, int maxRestarts) {

    public static final BackoffSpec DEFAULT =
            new BackoffSpec(Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(60), 0);

    public BackoffSpec {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (maxRestarts < 0) {
            throw new IllegalArgumentException("max_restarts must be >= 0");
        }
    }

    /** The delay before restart number {@code n} (1-based): {@code interval * 2^(n-1)}, capped at {@code max}. */
    public Duration delayBefore(int n) {
        if (n <= 1) {
            return min(interval, max);
        }
        int shift = Math.min(n - 1, 62);
        long factor = 1L << shift;
        long nanos = interval.toNanos();
        if (nanos != 0 && factor > Long.MAX_VALUE / nanos) {
            return max;
        }
        return min(Duration.ofNanos(nanos * factor), max);
    }

    /** True when {@code restartsSoFar} consecutive restarts exhaust the budget. */
    public boolean exhausted(int restartsSoFar) {
        return maxRestarts > 0 && restartsSoFar >= maxRestarts;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
