package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The built-in restart policies and the lookup of those that plugins contribute.
 *
 * <p>{@code on-failure} restarts a crashed service with exponential backoff; {@code always} also
 * restarts one that finished; {@code never} leaves it. A service stopped on request is never restarted
 * (the supervisor does not even ask).
 */
public final class RestartPolicies {

    public static final Set<String> BUILT_IN = Set.of(ServiceSpec.ON_FAILURE, ServiceSpec.ALWAYS, ServiceSpec.NEVER);

    private final Function<String, Optional<RestartPolicy>> contributed;

    /** @param contributed finds a plugin's policy by name (empty when no loaded plugin has it) */
    public RestartPolicies(Function<String, Optional<RestartPolicy>> contributed) {
        this.contributed = contributed;
    }

    /**
     * Asks the service's policy. A policy whose plugin has been unloaded since the configuration was
     * read falls back to {@code on-failure}, so a service is never left unsupervised.
     */
    RestartDecision decide(RestartContext context) {
        String name = context.spec().restart();
        return switch (name) {
            case ServiceSpec.NEVER -> RestartDecision.none();
            case ServiceSpec.ALWAYS -> backoff(context);
            case ServiceSpec.ON_FAILURE -> context.crashed() ? backoff(context) : RestartDecision.none();
            default -> contributed.apply(name)
                    .map(policy -> policy.decide(context))
                    .orElseGet(() -> context.crashed() ? backoff(context) : RestartDecision.none());
        };
    }

    /** The original rule: {@code interval * 2^(n-1)} before the n-th restart, capped; give up after max_restarts. */
    static RestartDecision backoff(RestartContext context) {
        BackoffSpec backoff = context.spec().backoff();
        int done = context.consecutiveRestarts();
        if (backoff.exhausted(done)) {
            return RestartDecision.giveUp();
        }
        return RestartDecision.restartAfter(backoff.delayBefore(done + 1));
    }
}
