package io.partner.ppm.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.plugin.testkit.PluginDaemon;
import io.partner.ppm.plugin.testkit.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify plugin, as a jar in the plugin folder of a real daemon whose real services crash. */
class NotifyThroughDaemonTest {

    @TempDir
    Path dir;

    private Path plugins;

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
        PluginJars.fromClasses(PluginJars.moduleClasses(), "notify", "1.0.0", plugins.resolve("notify.jar"));
    }

    @Test
    void crashOfARealServiceIsPostedToTheWebhookAndRetriedAfterA500() throws Exception {
        try (WebhookServer server = new WebhookServer()) {
            server.answer(n -> n == 0 ? 500 : 200);
            try (PluginDaemon d = PluginDaemon.start(dir, plugins, """
                    notify:
                      events: [crashed]
                      retries: 2
                      backoff: 100ms
                      targets:
                        - url: "%s"
                    services:
                      - name: flaky
                        command: ["sh", "-c", "exit 7"]
                        restart: never
                    """.formatted(server.url("/hook")))) {
                d.awaitEvents("flaky", ServiceEvent.Type.CRASHED, 1);

                PluginDaemon.await("a POST answered 500 and its retry", () -> server.requests().size() >= 2);

                List<WebhookServer.Request> requests = server.requests();
                assertThat(requests).hasSize(2).allSatisfy(request -> {
                    assertThat(request.method()).isEqualTo("POST");
                    assertThat(request.path()).isEqualTo("/hook");
                    assertThat(request.contentType()).startsWith("application/json");
                    assertThat(request.body())
                            .contains("\"service\":\"flaky\"", "\"event\":\"crashed\"", "\"exit_code\":7");
                });
                assertThat(requests.get(1).body()).as("the retry carries the same notification")
                        .isEqualTo(requests.get(0).body());
            }
        }
    }

    @Test
    void commandTargetRunsThroughTheDaemonWithTheEventInItsEnvironment() throws Exception {
        Path received = dir.resolve("received.env");
        // Written aside and moved into place, so the test never reads half a file.
        String script = "env | grep '^PPM_' > '%1$s.tmp' && mv '%1$s.tmp' '%1$s'".formatted(received);
        try (PluginDaemon d = PluginDaemon.start(dir, plugins, """
                notify:
                  events: [crashed]
                  targets:
                    - command: ["sh", "-c", "%s"]
                services:
                  - name: worker
                    command: ["sh", "-c", "exit 3"]
                    restart: never
                """.formatted(script.replace("\"", "\\\"")))) {
            d.awaitEvents("worker", ServiceEvent.Type.CRASHED, 1);

            PluginDaemon.await("the notification command to write " + received, () -> Files.exists(received));

            Map<String, String> env = variables(Files.readAllLines(received));
            assertThat(env).containsEntry("PPM_EVENT", "crashed")
                    .containsEntry("PPM_SERVICE", "worker")
                    .containsEntry("PPM_EXIT_CODE", "3")
                    .containsEntry("PPM_STATE", "Crashed")
                    .containsEntry("PPM_SIGNAL", "")
                    .containsKeys("PPM_HOST", "PPM_TIME", "PPM_MESSAGE", "PPM_RESTARTS");
            assertThat(d.events("worker", ServiceEvent.Type.STARTED))
                    .as("the command is not a service").hasSize(1);
            assertThat(d.daemon().supervisor().services()).extracting(s -> s.name()).containsExactly("worker");
        }
    }

    private static Map<String, String> variables(List<String> lines) {
        Map<String, String> env = new HashMap<>();
        for (String line : lines) {
            int equals = line.indexOf('=');
            env.put(line.substring(0, equals), line.substring(equals + 1));
        }
        return env;
    }
}
