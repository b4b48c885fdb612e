package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.time.Duration;

/**
 * What the backoff policies share: like {@code on-failure}, restart only after a crash, and give up
 * after {@code backoff.max_restarts} consecutive restarts; they differ only in the delay.
 */
abstract class CrashBackoffPolicy implements RestartPolicy {

    @Override
    public final RestartDecision decide(RestartContext context) {
        if (!context.crashed()) {
            return RestartDecision.none();
        }
        BackoffSpec backoff = context.spec().backoff();
        if (backoff.exhausted(context.consecutiveRestarts())) {
            return RestartDecision.giveUp();
        }
        return RestartDecision.restartAfter(delayBefore(backoff, context.consecutiveRestarts() + 1));
    }

    /** The delay before the n-th consecutive restart (1-based). */
    abstract Duration delayBefore(BackoffSpec backoff, int n);
}
