package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.runtime.management.InMemoryDaemon;
import io.partner.ppm.runtime.management.ManagementServer;
import io.partner.ppm.runtime.management.TestEndpoints;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line and the daemon's credential: the owner controls without typing anything, others
 * read only, and a runtime file that is not the user's own is refused before anything is sent.
 */
class CliControlPlaneTrustTest {

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();
    private ManagementServer server;

    @BeforeEach
    void start() throws Exception {
        daemon.add(ServiceSpec.of("web", List.of("sleep", "1000")));
        server = ManagementServer.start(daemon, TestEndpoints.jmx(), TestEndpoints.jolokia(), dir.resolve("daemon.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String url(String transport) {
        return transport.equals("jmx") ? server.jmxUrl().orElseThrow() : server.jolokiaUrl().orElseThrow();
    }

    private String webState() {
        return daemon.service("web").orElseThrow().state().label();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void theOwnerControlsWithoutTypingAnything(String transport) {
        CliRun run = CliRun.of(Map.of("PPM_RUNTIME_FILE", server.runtimeFile().toString(), "PPM_URL", url(transport)),
                "stop", "web");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(webState()).isEqualTo("Finished");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void withoutTheCredentialTheCliReadsButCannotControl(String transport) {
        Map<String, String> env = Map.of("PPM_RUNTIME_FILE", dir.resolve("none.json").toString(), "PPM_URL", url(transport));

        CliRun ls = CliRun.of(env, "ls");
        CliRun stop = CliRun.of(env, "stop", "web");

        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("web");
        assertThat(stop.exitCode()).isNotZero();
        assertThat(stop.err().lines().count()).as(stop.err()).isEqualTo(1);
        assertThat(stop.err()).containsIgnoringCase("credential").doesNotContain("Exception");
        assertThat(webState()).isEqualTo("Running");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void aWrongPasswordIsOneLine(String transport) {
        CliRun run = CliRun.of(Map.of("PPM_RUNTIME_FILE", server.runtimeFile().toString(), "PPM_URL", url(transport),
                "PPM_PASSWORD", "guess"), "stop", "web", "--user", "ppm");

        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).contains("refused");
        assertThat(webState()).isEqualTo("Running");
    }

    @Test
    void aRuntimeFileOfAnotherUserIsRefusedAndNothingIsSent() throws Exception {
        try (ServerSocket trap = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Path foreign = plantRuntimeFile(dir.resolve("foreign"), trap.getLocalPort());
            Files.setAttribute(foreign, "unix:uid", 65534);

            CliRun run = CliRun.of(Map.of("PPM_RUNTIME_FILE", foreign.toString()), "ls");

            assertThat(run.exitCode()).isNotZero();
            assertThat(run.err().strip()).startsWith("ppm: not using runtime file " + foreign)
                    .contains("belongs to uid 65534");
            assertThat(run.err().lines().count()).isEqualTo(1);
            trap.setSoTimeout(200);
            assertThat(accepts(trap)).as("a connection to the endpoint the foreign file names").isFalse();
        }
    }

    @Test
    void aRuntimeFileOthersCanReadOrReplaceIsRefused() throws Exception {
        Path readable = plantRuntimeFile(dir.resolve("readable"), 1);
        Files.setPosixFilePermissions(readable, PosixFilePermissions.fromString("rw-r--r--"));
        Path open = plantRuntimeFile(dir.resolve("open"), 1);
        Files.setPosixFilePermissions(open.getParent(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThat(CliRun.of(Map.of("PPM_RUNTIME_FILE", readable.toString()), "ls").err()).contains("its mode is 644");
        assertThat(CliRun.of(Map.of("PPM_RUNTIME_FILE", open.toString()), "ls").err()).contains("folder is writable by others");
    }

    @Test
    void theCredentialGoesOnlyToTheEndpointsTheFileNames() throws Exception {
        List<String> authorizations = new CopyOnWriteArrayList<>();
        HttpServer other = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 5);
        other.createContext("/jolokia/", exchange -> {
            authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            byte[] body = "{\"status\":200,\"value\":null}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        other.start();
        try {
            Map<String, String> env = new HashMap<>();
            env.put("PPM_RUNTIME_FILE", server.runtimeFile().toString());
            CliRun.of(env, "stop", "web", "--url", "http://127.0.0.1:" + other.getAddress().getPort() + "/jolokia/");
        } finally {
            other.stop(0);
        }
        assertThat(authorizations).isNotEmpty().containsOnly("null");
    }

    /** A runtime file naming an endpoint on {@code port}, with this process's pid, as its owner would write it. */
    private static Path plantRuntimeFile(Path folder, int port) throws Exception {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        Path file = folder.resolve("daemon.json");
        Files.writeString(file, "{\"pid\": " + ProcessHandle.current().pid() + ", \"version\": \"x\", \"startedAt\": 1, "
                + "\"jmxUrl\": null, \"jolokiaUrl\": \"http://127.0.0.1:" + port + "/jolokia/\", "
                + "\"user\": \"ppm\", \"password\": \"secret\"}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    private static boolean accepts(ServerSocket trap) throws Exception {
        try (var ignored = trap.accept()) {
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }
}
