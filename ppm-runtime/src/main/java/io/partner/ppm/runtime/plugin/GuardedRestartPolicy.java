package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;

/**
 * A plugin's restart policy that cannot take the supervisor loop down: when it throws, the built-in
 * {@code on-failure} rule decides instead (a crashed service is restarted with its backoff).
 */
record GuardedRestartPolicy(String pluginId, RestartPolicy delegate) implements RestartPolicy {

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public RestartDecision decide(RestartContext context) {
        try {
            return delegate.decide(context);
        } catch (RuntimeException | LinkageError e) {
            PluginHost.LOG.log(System.Logger.Level.WARNING, "plugin " + pluginId + ": restart policy '" + name()
                    + "' failed for " + context.spec().name() + ", using on-failure instead: " + e);
            return fallback(context);
        }
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
