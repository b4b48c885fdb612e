package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import org.pf4j.Extension;

/** {@code restart: fixed}: every restart after the same delay, {@code backoff.interval}; gives up after {@code backoff.max_restarts}. */
@Extension
public class FixedBackoffPolicy implements RestartPolicy {

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    public RestartDecision decide(RestartContext context) {
        if (!context.crashed()) {
            return RestartDecision.none();
        }
        BackoffSpec backoff = context.spec().backoff();
        if (backoff.exhausted(context.consecutiveRestarts())) {
            return RestartDecision.giveUp();
        }
        return RestartDecision.restartAfter(backoff.interval());
    }
}
