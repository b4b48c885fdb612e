package io.partner.ppm.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotifySettingsTest {

    @Test
    void sectionDefaultsApplyToTargetsThatAreSilent() {
        NotifySettings settings = NotifySettings.parse(Map.of(
                "events", List.of("crashed", "restarted"),
                "retries", 5,
                "rate_limit", Map.of("max", 2, "per", "10s"),
                "targets", List.of(
                        Map.of("url", "https://hooks.example.com/x?token=secret", "slack", true),
                        Map.of("command", List.of("/bin/page", "--now"), "events", "gave_up", "timeout", "2s",
                                "services", List.of("web")))));

        Target webhook = settings.targets().get(0);
        assertThat(webhook.slack()).isTrue();
        assertThat(webhook.events()).containsExactlyInAnyOrder("crashed", "restarted");
        assertThat(webhook.retries()).isEqualTo(5);
        assertThat(webhook.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(webhook.label()).isEqualTo("https://hooks.example.com/x");
        Target command = settings.targets().get(1);
        assertThat(command.command()).containsExactly("/bin/page", "--now");
        assertThat(command.events()).containsExactly("gave_up");
        assertThat(command.timeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(command.wants("gave_up", "web")).isTrue();
        assertThat(command.wants("gave_up", "db")).isFalse();
        assertThat(settings.rateLimit()).isEqualTo(new NotifySettings.RateLimit(2, Duration.ofSeconds(10)));
    }

    @Test
    void withoutEventsTargetsGetCrashesAndGiveUps() {
        NotifySettings settings = NotifySettings.parse(Map.of("targets", List.of(Map.of("url", "http://127.0.0.1:1/"))));

        assertThat(settings.targets().getFirst().events()).containsExactlyInAnyOrder("crashed", "gave_up");
        assertThat(settings.targets().getFirst().retries()).isEqualTo(3);
        assertThat(settings.rateLimit()).isEqualTo(NotifySettings.RateLimit.DEFAULT);
    }

    @Test
    void retryDelaysDouble() {
        Target target = NotifySettings.parse(Map.of("backoff", "250ms", "targets", List.of(Map.of("url", "http://h/"))))
                .targets().getFirst();

        assertThat(List.of(target.delayBeforeRetry(1), target.delayBeforeRetry(2), target.delayBeforeRetry(3)))
                .containsExactly(Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofMillis(1000));
    }

    @Test
    void mistakesAreNamedWithTheirPlace() {
        assertThatThrownBy(() -> NotifySettings.parse(Map.of("target", List.of())))
                .hasMessage("unknown key 'target' (known: backoff, events, rate_limit, retries, targets, timeout)");
        assertThatThrownBy(() -> NotifySettings.parse(Map.of("targets", List.of(Map.of("url", "ftp://x/")))))
                .hasMessage("targets[0].url: 'ftp://x/' is not an http:// or https:// URL");
        assertThatThrownBy(() -> NotifySettings.parse(Map.of("targets", List.of(Map.of("url", "http://x/", "command", "y")))))
                .hasMessage("targets[0]: give either url or command");
        assertThatThrownBy(() -> NotifySettings.parse(Map.of("targets", List.of(Map.of("url", "http://x/", "events", List.of("boom"))))))
                .hasMessage("targets[0].events: unknown event 'boom' (use started, restarted, finished, crashed, gave_up)");
        assertThatThrownBy(() -> NotifySettings.parse(Map.of("targets", List.of(Map.of("command", "x", "slack", true)))))
                .hasMessage("targets[0]: slack and headers are for url targets");
        assertThatThrownBy(() -> NotifySettings.parse(Map.of("rate_limit", Map.of("max", 0))))
                .hasMessage("rate_limit.max: expected a whole number of at least 1, got '0'");
    }

    @Test
    void rateLimiterLetsMaxThroughPerWindowAndRefills() {
        RateLimiter limiter = new RateLimiter();
        NotifySettings.RateLimit limit = new NotifySettings.RateLimit(2, Duration.ofMinutes(1));
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");

        assertThat(limiter.tryAcquire("web", t0, limit)).isTrue();
        assertThat(limiter.tryAcquire("web", t0.plusSeconds(1), limit)).isTrue();
        assertThat(limiter.tryAcquire("web", t0.plusSeconds(2), limit)).isFalse();
        assertThat(limiter.tryAcquire("db", t0.plusSeconds(2), limit)).as("each service has its own budget").isTrue();
        assertThat(limiter.takeSuppressed("web")).isEqualTo(1);
        assertThat(limiter.tryAcquire("web", t0.plusSeconds(60), limit)).as("the first has aged out").isTrue();
        assertThat(limiter.tryAcquire("web", t0.plusSeconds(60), limit)).isFalse();
    }
}
