package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
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
public class ExponentialJitterPolicy extends CrashBackoffPolicy {

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
    Duration delayBefore(BackoffSpec backoff, int n) {
        Duration full = backoff.delayBefore(n);
        long half = full.toNanos() / 2;
        long jitter = (long) (random.getAsDouble() * (full.toNanos() - half));
        return Duration.ofNanos(half + jitter);
    }
}
