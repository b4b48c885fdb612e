package io.partner.ppm.api.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * The answer of a {@link RestartPolicy}: leave the service as it is, restart it after a delay, or
 * give up (the service stays crashed and is marked {@code gave_up}).
 */
public record RestartDecision(Action action, Duration delay) {

    public enum Action { NONE, RESTART, GIVE_UP }

    private static final RestartDecision NONE = new RestartDecision(Action.NONE, Duration.ZERO);
    private static final RestartDecision GIVE_UP = new RestartDecision(Action.GIVE_UP, Duration.ZERO);

    public RestartDecision {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("negative restart delay");
        }
    }

    public static RestartDecision none() {
        return NONE;
    }

    public static RestartDecision giveUp() {
        return GIVE_UP;
    }

    public static RestartDecision restartAfter(Duration delay) {
        return new RestartDecision(Action.RESTART, delay);
    }
}
