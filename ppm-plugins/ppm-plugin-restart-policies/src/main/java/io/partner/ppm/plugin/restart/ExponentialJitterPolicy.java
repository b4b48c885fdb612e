package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.pf4j.Extension;

/**
 * {@code restart: exponential-jitter}: the on-failure delay {@code interval * 2^(n-1)} (capped at
 * {@code max}) with "equal jitter": a random delay between half of it and all of it, so that services
 * that crashed together (a database went away) do not all come back in the same instant.
 */
@Extension
public class ExponentialJitterPolicy implements RestartPolicy {

    private final DoubleSupplier random;

    public ExponentialJitterPolicy() {
        this(() -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1) */
    ExponentialJitterPolicy(DoubleSupplier random) {
        this.random = random;
    }

    @Override
    public String name() {
        return "exponential-jitter";
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
        Duration full = backoff.delayBefore(context.consecutiveRestarts() + 1);
        long half = full.toNanos() / 2;
        long jitter = (long) (random.getAsDouble() * (full.toNanos() - half));
        return RestartDecision.restartAfter(Duration.ofNanos(half + jitter));
    }
}
