package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
import java.time.Duration;
import org.pf4j.Extension;

/**
 * {@code restart: linear}: the n-th consecutive restart waits {@code backoff.interval * n}, capped at
 * {@code backoff.max}; gives up after {@code backoff.max_restarts}.
 */
@Extension
public class LinearBackoffPolicy extends CrashBackoffPolicy {

    @Override
    public String name() {
        return "linear";
    }

    @Override
    Duration delayBefore(BackoffSpec backoff, int n) {
        long intervalNanos = backoff.interval().toNanos();
        long maxNanos = backoff.max().toNanos();
        if (intervalNanos != 0 && n > maxNanos / intervalNanos) {
            return backoff.max();
        }
        return Duration.ofNanos(Math.min(intervalNanos * n, maxNanos));
    }
}
