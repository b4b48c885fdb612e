package io.partner.ppm.plugin.restart;

import static io.partner.ppm.plugin.restart.Crashes.T0;
import static io.partner.ppm.plugin.restart.Crashes.crash;
import static io.partner.ppm.plugin.restart.Crashes.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.RestartDecision;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CrashWindowPolicyTest {

    private final CrashWindowPolicy policy = new CrashWindowPolicy();
    private final ServiceSpec spec = service("window", BackoffSpec.DEFAULT,
            Map.of("restart_window", Map.of("max_crashes", 3, "within", "1m")));

    @Test
    void givesUpAtTheMaxCrashesThCrashWithinTheWindow() {
        assertThat(policy.decide(crash(spec, 0, T0))).isEqualTo(RestartDecision.restartAfter(Duration.ofSeconds(1)));
        assertThat(policy.decide(crash(spec, 1, T0.plusSeconds(10)))).isEqualTo(RestartDecision.restartAfter(Duration.ofSeconds(2)));
        assertThat(policy.decide(crash(spec, 2, T0.plusSeconds(20)))).isEqualTo(RestartDecision.giveUp());
    }

    @Test
    void budgetRefillsAsOldCrashesLeaveTheWindow() {
        policy.decide(crash(spec, 0, T0));
        policy.decide(crash(spec, 1, T0.plusSeconds(30)));

        // At T0+61s the first crash is out of the window: two crashes count, a restart is allowed.
        assertThat(policy.decide(crash(spec, 2, T0.plusSeconds(61))).action()).isEqualTo(RestartDecision.Action.RESTART);
        // At T0+62s three crashes (30s, 61s, 62s) are within the minute: give up.
        assertThat(policy.decide(crash(spec, 3, T0.plusSeconds(62)))).isEqualTo(RestartDecision.giveUp());
        // Much later (a manual start), the window is empty again.
        assertThat(policy.decide(crash(spec, 0, T0.plusSeconds(300))).action()).isEqualTo(RestartDecision.Action.RESTART);
    }

    @Test
    void servicesHaveTheirOwnBudget() {
        ServiceSpec other = spec.toBuilder().name("db").restart("window").build();
        policy.decide(crash(spec, 0, T0));
        policy.decide(crash(spec, 1, T0.plusSeconds(1)));

        assertThat(policy.decide(crash(other, 0, T0.plusSeconds(2))).action()).isEqualTo(RestartDecision.Action.RESTART);
    }

    @Test
    void withoutRestartWindowTheDefaultIsFiveCrashesPerMinute() {
        ServiceSpec plain = service("window", BackoffSpec.DEFAULT, Map.of());

        List<RestartDecision> decisions = Crashes.run(policy, plain, 10);

        assertThat(decisions).hasSize(5);
        assertThat(decisions.getLast()).isEqualTo(RestartDecision.giveUp());
    }

    @Test
    void restartWindowIsValidatedWithClearMessages() {
        RestartPoliciesConfig config = new RestartPoliciesConfig();
        assertThat(config.serviceKeys()).containsExactlyInAnyOrder("restart_window", "max_memory");

        config.validateServiceKey("web", "restart_window", Map.of("max_crashes", 2, "within", "30s"));
        config.validateServiceKey("web", "max_memory", "512MB");
        assertThatThrownBy(() -> config.validateServiceKey("web", "restart_window", Map.of("max_crash", 2)))
                .hasMessage("unknown key 'max_crash' (known: max_crashes, within)");
        assertThatThrownBy(() -> config.validateServiceKey("web", "restart_window", Map.of("within", "soon")))
                .hasMessage("within: invalid duration 'soon' (use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s)");
        assertThatThrownBy(() -> config.validateServiceKey("web", "restart_window", Map.of("max_crashes", 0)))
                .hasMessage("max_crashes: expected a whole number of at least 1, got '0'");
        assertThatThrownBy(() -> config.validateServiceKey("web", "max_memory", "a lot"))
                .hasMessage("invalid size 'a lot' (use a whole number with a unit: B, KB, MB or GB (1KB = 1024 bytes), e.g. 512KB or 10MB)");
        assertThatThrownBy(() -> config.validateServiceKey("web", "max_memory", "0MB")).hasMessage("must be greater than 0");
    }
}
