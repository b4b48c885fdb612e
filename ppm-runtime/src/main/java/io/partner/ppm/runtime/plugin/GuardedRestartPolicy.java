package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.time.Duration;

/**
 * A plugin's restart policy that cannot hold up or take down the supervisor loop: the decision runs on
 * the plugin's policy thread and the loop waits at most {@code deadline} for it. When the policy throws,
 * overruns or returns nothing, its plugin is failed and the built-in {@code on-failure} rule decides
 * instead (a crashed service is restarted with its backoff), now and for every later decision.
 */
record GuardedRestartPolicy(String pluginId, String name, RestartPolicy delegate, PluginCalls calls, Duration deadline)
        implements RestartPolicy {

    @Override
    public RestartDecision decide(RestartContext context) {
        if (calls.failure() != null) {
            return fallback(context);
        }
        String what = "restart policy '" + name + "' deciding for " + context.spec().name();
        try {
            RestartDecision decision = calls.decide(what, deadline, () -> delegate.decide(context));
            if (decision != null) {
                return decision;
            }
            calls.fail(what + " returned no decision");
        } catch (PluginCalls.PluginFault fault) {
            if (!fault.pluginGone()) {
                calls.fail(fault.getMessage());
            }
        }
        return fallback(context);
    }

    private static RestartDecision fallback(RestartContext context) {
        if (!context.crashed()) {
            return RestartDecision.none();
        }
        if (context.spec().backoff().exhausted(context.consecutiveRestarts())) {
            return RestartDecision.giveUp();
        }
        return RestartDecision.restartAfter(context.spec().backoff().delayBefore(context.consecutiveRestarts() + 1));
    }
}
