package io.partner.ppm.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.plugin.testkit.InMemorySupervisor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Command targets run through the daemon's runCommand with the event in their environment. */
class CommandNotificationTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final InMemorySupervisor daemon = new InMemorySupervisor();
    private final Notifier notifier = new Notifier();

    @AfterEach
    void tearDown() {
        notifier.stop();
        daemon.close();
    }

    private void configure(String script) {
        Map<String, Object> notify = Map.of("backoff", "50ms",
                "targets", List.of(Map.of("command", List.of("/bin/sh", "-c", script))));
        notifier.configure(Map.of("notify", notify));
        notifier.start(daemon);
    }

    @Test
    void commandRunsWithTheEventInItsEnvironment() throws IOException {
        Path out = dir.resolve("out");
        configure("printf '%s|%s|%s|%s|%s' \"$PPM_SERVICE\" \"$PPM_EVENT\" \"$PPM_EXIT_CODE\" \"$PPM_SIGNAL\" \"$PPM_TIME\" > " + out);

        notifier.onEvent(Events.crashed("web", 3));

        await().atMost(DEADLINE).until(() -> Files.exists(out) && Files.readString(out).endsWith("Z"));
        assertThat(Files.readString(out)).isEqualTo("web|crashed|3||2026-01-01T00:00:00Z");
        assertThat(daemon.commands()).hasSize(1);
    }

    @Test
    void commandThatFailsIsRunAgain() throws IOException {
        Path marker = dir.resolve("tried");
        Path out = dir.resolve("out");
        configure("if [ -e " + marker + " ]; then echo \"$PPM_EVENT\" > " + out + "; else touch " + marker + "; exit 1; fi");

        notifier.onEvent(Events.killed("worker", 9));

        await().atMost(DEADLINE).until(() -> Files.exists(out) && !Files.readString(out).isEmpty());
        assertThat(Files.readString(out)).isEqualTo("crashed\n");
        assertThat(daemon.commands()).hasSize(2);
    }
}
