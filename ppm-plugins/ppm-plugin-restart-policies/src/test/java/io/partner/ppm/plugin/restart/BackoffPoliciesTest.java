package io.partner.ppm.plugin.restart;

import static io.partner.ppm.plugin.restart.Crashes.delays;
import static io.partner.ppm.plugin.restart.Crashes.run;
import static io.partner.ppm.plugin.restart.Crashes.service;
import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackoffPoliciesTest {

    private static Duration ms(long millis) {
        return Duration.ofMillis(millis);
    }

    private static final BackoffSpec BACKOFF = new BackoffSpec(ms(1000), ms(3500), Duration.ofMinutes(1), 5);

    @Test
    void fixedPolicyWaitsTheIntervalEveryTimeAndGivesUpAfterMaxRestarts() {
        ServiceSpec spec = service("fixed", BACKOFF, Map.of());

        List<RestartDecision> decisions = run(new FixedBackoffPolicy(), spec, 10);

        assertThat(delays(decisions)).containsExactly(ms(1000), ms(1000), ms(1000), ms(1000), ms(1000));
        assertThat(decisions.getLast()).isEqualTo(RestartDecision.giveUp());
    }

    @Test
    void linearPolicyGrowsByOneIntervalUpToMax() {
        ServiceSpec spec = service("linear", BACKOFF, Map.of());

        List<RestartDecision> decisions = run(new LinearBackoffPolicy(), spec, 10);

        assertThat(delays(decisions)).containsExactly(ms(1000), ms(2000), ms(3000), ms(3500), ms(3500));
        assertThat(decisions.getLast()).isEqualTo(RestartDecision.giveUp());
    }

    @Test
    void linearPolicyWithoutRestartLimitKeepsGoingAtMax() {
        ServiceSpec spec = service("linear", new BackoffSpec(ms(1000), ms(3500), Duration.ofMinutes(1), 0), Map.of());

        List<RestartDecision> decisions = run(new LinearBackoffPolicy(), spec, 8);

        assertThat(delays(decisions)).hasSize(8).endsWith(ms(3500), ms(3500));
    }

    @Test
    void exponentialJitterStaysBetweenHalfAndAllOfTheDoublingDelay() {
        ServiceSpec spec = service("exponential-jitter", new BackoffSpec(ms(1000), ms(60_000), Duration.ofMinutes(1), 0), Map.of());

        assertThat(delays(run(new ExponentialJitterPolicy(() -> 0.0), spec, 5)))
                .containsExactly(ms(500), ms(1000), ms(2000), ms(4000), ms(8000));
        assertThat(delays(run(new ExponentialJitterPolicy(() -> 0.5), spec, 5)))
                .containsExactly(ms(750), ms(1500), ms(3000), ms(6000), ms(12000));
        List<Duration> random = delays(run(new ExponentialJitterPolicy(), spec, 7));
        for (int n = 0; n < random.size(); n++) {
            Duration full = spec.backoff().delayBefore(n + 1);
            assertThat(random.get(n)).isBetween(full.dividedBy(2), full);
        }
    }

    @Test
    void exponentialJitterIsCappedAtMaxAndGivesUpAfterMaxRestarts() {
        ServiceSpec spec = service("exponential-jitter", new BackoffSpec(ms(1000), ms(3000), Duration.ofMinutes(1), 4), Map.of());

        List<RestartDecision> decisions = run(new ExponentialJitterPolicy(() -> 0.0), spec, 10);

        assertThat(delays(decisions)).containsExactly(ms(500), ms(1000), ms(1500), ms(1500));
        assertThat(decisions.getLast()).isEqualTo(RestartDecision.giveUp());
    }

    @Test
    void aFinishedServiceIsNotRestartedByAnyPolicy() {
        ServiceSpec spec = service("fixed", BACKOFF, Map.of());
        RestartContext finished = new RestartContext(spec, ServiceState.FINISHED, ExitStatus.exited(0), 0, Crashes.T0);

        for (RestartPolicy policy : List.of(new FixedBackoffPolicy(), new LinearBackoffPolicy(),
                new ExponentialJitterPolicy(), new CrashWindowPolicy())) {
            assertThat(policy.decide(finished)).as(policy.name()).isEqualTo(RestartDecision.none());
        }
    }
}
