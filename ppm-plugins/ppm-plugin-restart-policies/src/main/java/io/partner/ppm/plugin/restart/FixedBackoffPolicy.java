package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
import java.time.Duration;
import org.pf4j.Extension;

/** {@code restart: fixed}: every restart after the same delay, {@code backoff.interval}; gives up after {@code backoff.max_restarts}. */
@Extension
public class FixedBackoffPolicy extends CrashBackoffPolicy {

    @Override
    public String name() {
        return "fixed";
    }

    @Override
    Duration delayBefore(BackoffSpec backoff, int n) {
        return backoff.interval();
    }
}
