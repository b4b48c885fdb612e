package io.partner.ppm.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Notifications to a real HTTP server on the loopback interface. */
@Timeout(60)
class WebhookNotificationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private WebhookServer server;
    private final Notifier notifier = new Notifier();

    @BeforeEach
    void setUp() throws IOException {
        server = new WebhookServer();
    }

    @AfterEach
    void tearDown() {
        notifier.stop();
        server.close();
    }

    private void configure(Map<String, Object> target, Map<String, Object> section) {
        Map<String, Object> notify = new java.util.HashMap<>(section);
        notify.put("targets", List.of(target));
        notifier.validateSection("notify", notify);
        notifier.configure(Map.of("notify", notify));
    }

    @Test
    void crashIsPostedAsJsonWithSlackText() {
        configure(Map.of("url", server.url("/hook"), "slack", true, "headers", Map.of("Authorization", "Bearer t0ken")), Map.of());

        notifier.onEvent(Events.crashed("web", 3));

        await().atMost(DEADLINE).until(() -> server.requests().size() == 1);
        WebhookServer.Request request = server.requests().getFirst();
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/hook");
        assertThat(request.contentType()).startsWith("application/json");
        assertThat(request.authorization()).isEqualTo("Bearer t0ken");
        assertThat(request.body()).contains("\"service\":\"web\"", "\"event\":\"crashed\"", "\"exit_code\":3",
                "\"time\":\"2026-01-01T00:00:00Z\"", "\"text\":\"[");
    }

    @Test
    void failedPostIsRetriedAfterA500() {
        server.answer(n -> n == 0 ? 500 : 200);
        configure(Map.of("url", server.url("/hook"), "backoff", "100ms"), Map.of());

        notifier.onEvent(Events.crashed("web", 1));

        await().atMost(DEADLINE).until(() -> server.requests().size() == 2);
        assertThat(server.requests().get(1).body()).isEqualTo(server.requests().get(0).body());
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> server.requests().size() == 2);
    }

    @Test
    void retriesStopAfterTheConfiguredNumber() {
        server.answer(n -> 503);
        configure(Map.of("url", server.url("/hook"), "backoff", "50ms", "retries", 2), Map.of());

        notifier.onEvent(Events.crashed("web", 1));

        await().atMost(DEADLINE).until(() -> server.requests().size() == 3);
        await().during(Duration.ofMillis(800)).atMost(DEADLINE).until(() -> server.requests().size() == 3);
    }

    @Test
    void answerSlowerThanTheTimeoutIsTriedAgain() {
        CountDownLatch released = new CountDownLatch(1);
        server.beforeAnswer(() -> {
            if (server.requests().size() == 1) {
                awaitQuietly(released, 10);
            }
        });
        configure(Map.of("url", server.url("/hook"), "timeout", "300ms", "backoff", "50ms"), Map.of());

        notifier.onEvent(Events.crashed("web", 1));

        await().atMost(DEADLINE).until(() -> server.requests().size() >= 2);
        released.countDown();
    }

    @Test
    void eventsDoNotWaitForASlowWebhook() {
        CountDownLatch released = new CountDownLatch(1);
        server.beforeAnswer(() -> awaitQuietly(released, 30));
        configure(Map.of("url", server.url("/hook")), Map.of("rate_limit", Map.of("max", 100, "per", "1m")));

        for (int i = 0; i < 20; i++) {
            notifier.onEvent(Events.crashed("web-" + i, 1));
        }

        // Every onEvent returned while the server still holds its first answer back.
        assertThat(released.getCount()).isEqualTo(1);
        released.countDown();
        await().atMost(DEADLINE).until(() -> server.requests().size() == 20);
    }

    @Test
    void rateLimitHoldsBackACrashLoop() {
        configure(Map.of("url", server.url("/hook")), Map.of("rate_limit", Map.of("max", 3, "per", "1m")));

        for (int i = 0; i < 10; i++) {
            notifier.onEvent(Events.crashed("web", 1));
        }
        notifier.onEvent(Events.crashed("db", 1));

        await().atMost(DEADLINE).until(() -> server.requests().size() == 4);
        await().during(Duration.ofMillis(500)).atMost(DEADLINE).until(() -> server.requests().size() == 4);
        assertThat(server.requests()).filteredOn(r -> r.body().contains("\"service\":\"db\"")).hasSize(1);
    }

    @Test
    void onlyChosenEventsAreSent() {
        configure(Map.of("url", server.url("/hook"), "events", List.of("crashed")), Map.of());

        notifier.onEvent(Events.finished("web"));
        notifier.onEvent(Events.crashed("web", 2));

        await().atMost(DEADLINE).until(() -> server.requests().size() == 1);
        await().during(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> server.requests().size() == 1);
        assertThat(server.requests().getFirst().body()).contains("\"event\":\"crashed\"");
    }

    private static void awaitQuietly(CountDownLatch latch, int seconds) {
        try {
            latch.await(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
