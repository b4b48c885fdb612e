package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Feeds a restart policy a run of consecutive crashes, as the supervisor would. */
final class Crashes {

    static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Crashes() {
    }

    static ServiceSpec service(String restart, BackoffSpec backoff, Map<String, Object> extensions) {
        return service("web", restart, backoff, extensions);
    }

    static ServiceSpec service(String name, String restart, BackoffSpec backoff, Map<String, Object> extensions) {
        return ServiceSpec.builder(name, List.of("/bin/" + name)).restart(restart).backoff(backoff).extensions(extensions)
                .build();
    }

    static RestartContext crash(ServiceSpec spec, int restartsSoFar, Instant now) {
        return new RestartContext(spec, ServiceState.CRASHED, ExitStatus.exited(1), restartsSoFar, now);
    }

    /** The decisions for {@code count} consecutive crashes one second apart; a restart counts up, a give-up ends the run. */
    static List<RestartDecision> run(RestartPolicy policy, ServiceSpec spec, int count) {
        List<RestartDecision> decisions = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            RestartDecision decision = policy.decide(crash(spec, n, T0.plusSeconds(n)));
            decisions.add(decision);
            if (decision.action() != RestartDecision.Action.RESTART) {
                break;
            }
        }
        return decisions;
    }

    static List<Duration> delays(List<RestartDecision> decisions) {
        return decisions.stream().filter(d -> d.action() == RestartDecision.Action.RESTART).map(RestartDecision::delay).toList();
    }
}
