package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.runtime.RunningDaemon;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.management.JMX;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile input through {@code reload} and {@code addService} of a real daemon: each is refused with one
 * line, and after each the same daemon still restarts a crashing service, and in the end it stops within
 * {@code shutdown.timeout}.
 */
class HostileInputTest {

    /** The daemon's shutdown.timeout (see {@link RunningDaemon#startWithEndpoints}). */
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);
    /** Time for the JVM to hand over the exit after the deadline; far below a second deadline. */
    private static final Duration SLACK = Duration.ofSeconds(1);
    private static final Duration PROMPTLY = Duration.ofSeconds(15);

    private static final String SERVICES = """
            services:
              - name: crasher
                command: ["sh", "-c", "sleep 0.2; exit 3"]
                restart: always
                backoff: { interval: 100ms, max: 100ms }
              - name: stubborn
                command: ["sh", "-c", "trap '' TERM; while :; do sleep 0.1; done"]
                stop_timeout: 2s
            """;

    @TempDir
    Path dir;

    private RunningDaemon running;
    private JMXConnector connector;
    private DaemonMXBean daemon;

    @AfterEach
    void close() throws IOException {
        if (connector != null) {
            connector.close();
        }
        if (running != null && !running.daemon.exitCode().isDone()) {
            running.close();
        }
    }

    @Test
    void hostileFilesOnReloadAreRefusedAndSupervisionGoesOn() throws Exception {
        start();
        Path config = running.configFile;
        String good = Files.readString(config);
        Path fifo = dir.resolve("fifo");
        mkfifo(fifo);
        Map<String, Runnable> files = new LinkedHashMap<>();
        files.put("alias bomb", () -> write(config, good + billionLaughs()));
        files.put("nesting depth", () -> write(config, good + "x-deep: " + "[".repeat(900) + "]".repeat(900) + "\n"));
        files.put("too large", () -> write(config, good + "x-big: \"" + "x".repeat(50 * 1024 * 1024) + "\"\n"));
        files.put("is a FIFO", () -> replaceWithLink(config, fifo));
        files.put("is a character device", () -> replaceWithLink(config, Path.of("/dev/zero")));
        files.put("env_file: " + fifo + ": is a FIFO", () -> write(config, good + "    env_file: " + fifo + "\n"));
        files.put("env_file: /dev/zero: is a character device", () -> write(config, good + "    env_file: /dev/zero\n"));
        files.put("NUL character", () -> write(config, good.replace("exit 3", "exit 3\\0")));

        for (var file : files.entrySet()) {
            file.getValue().run();
            IllegalArgumentException refused = assertTimeoutPreemptively(PROMPTLY,
                    () -> catchThrowableOfType(IllegalArgumentException.class, () -> daemon.reload()));

            assertOneLine(refused, file.getKey());
            assertStillSupervises(file.getKey());
        }
        assertStopsWithinShutdownTimeout();
    }

    @Test
    void hostileDefinitionsThroughAddServiceAreRefusedAndSupervisionGoesOn() throws Exception {
        start();
        Map<String, String> definitions = new LinkedHashMap<>();
        definitions.put("aliases expanded", "name: bomb\ncommand: [echo]\nx-bomb:\n" + billionLaughs().indent(2));
        definitions.put("nesting depth", "{\"name\": \"deep\", \"command\": [\"echo\"], \"x\": "
                + "[".repeat(900) + "]".repeat(900) + "}");
        definitions.put("NUL character", "{\"name\": \"nul\", \"command\": [\"echo\", \"a\\u0000b\"]}");
        definitions.put("/dev/zero: is a character device", "{\"name\": \"zero\", \"command\": [\"echo\"], "
                + "\"env_file\": \"/dev/zero\"}");

        for (var definition : definitions.entrySet()) {
            IllegalArgumentException overJmx = assertTimeoutPreemptively(PROMPTLY,
                    () -> catchThrowableOfType(IllegalArgumentException.class, () -> daemon.addService(definition.getValue())));
            assertOneLine(overJmx, definition.getKey());
            JsonNode overJolokia = assertTimeoutPreemptively(PROMPTLY, () -> addOverJolokia(definition.getValue()));
            assertThat(overJolokia.path("error").asText()).as(definition.getKey())
                    .contains(definition.getKey()).doesNotContain("\n");

            assertStillSupervises(definition.getKey());
        }
        assertThat(running.daemon.supervisor().services()).extracting(ServiceInfo::name).containsExactly("crasher", "stubborn");
        assertStopsWithinShutdownTimeout();
    }

    private void start() throws IOException {
        running = RunningDaemon.startWithEndpoints(dir, SERVICES);
        connector = JMXConnectorFactory.connect(new JMXServiceURL(running.daemon.management().jmxUrl().orElseThrow()),
                TestEndpoints.ownerEnvironment(running.daemon.management().runtimeFile()));
        daemon = JMX.newMXBeanProxy(connector.getMBeanServerConnection(), ObjectNames.daemon(), DaemonMXBean.class);
        running.awaitService("crasher", s -> s.totalRestarts() >= 1);
    }

    /** The crashing service is restarted again, twice, at its 100 ms back-off. */
    private void assertStillSupervises(String after) {
        int before = running.info("crasher").totalRestarts();
        long since = System.nanoTime();
        running.awaitService("crasher", s -> s.totalRestarts() >= before + 2);
        // Two runs of 0.2 s and two back-offs of 0.1 s; seconds more would mean restarts were held up.
        assertThat(Duration.ofNanos(System.nanoTime() - since)).as("two restarts after " + after)
                .isLessThan(Duration.ofSeconds(5));
    }

    private void assertStopsWithinShutdownTimeout() throws Exception {
        long since = System.nanoTime();
        running.daemon.shutdown();
        running.daemon.exitCode().get(SHUTDOWN_TIMEOUT.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - since)).isLessThan(SHUTDOWN_TIMEOUT.plus(SLACK));
        assertThat(running.stdout.text() + running.stderr.text()).doesNotContain("\tat ", "Exception", "Error:");
    }

    private static void assertOneLine(IllegalArgumentException refused, String words) {
        assertThat(refused).as(words).isNotNull();
        assertThat(refused.getMessage()).as(words).contains(words).doesNotContain("\n", "Exception", "`");
    }

    private JsonNode addOverJolokia(String definition) throws IOException, InterruptedException {
        String body = new ObjectMapper().writeValueAsString(Map.of("type", "exec", "mbean", "ppm:type=Daemon",
                "operation", "addService", "arguments", java.util.List.of(definition)));
        try (HttpClient http = HttpClient.newHttpClient()) {
            return new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                            URI.create(running.daemon.management().jolokiaUrl().orElseThrow()))
                    .timeout(PROMPTLY)
                    .header("Authorization", TestEndpoints.ownerAuthorization(running.daemon.management().runtimeFile()))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        }
    }

    /** Nine levels of nine aliases: 387 million values once expanded. */
    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("x-l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int level = 1; level <= 9; level++) {
            yaml.append("x-l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", Collections.nCopies(9, "*l" + (level - 1)))).append("]\n");
        }
        return yaml.toString();
    }

    private static void write(Path file, String text) {
        try {
            Files.deleteIfExists(file);
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void replaceWithLink(Path file, Path target) {
        try {
            Files.deleteIfExists(file);
            Files.createSymbolicLink(file, target);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void mkfifo(Path fifo) throws IOException, InterruptedException {
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
    }
}
