package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JolokiaEndpointTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private ManagementServer server;
    private String url;

    @BeforeEach
    void start() throws Exception {
        daemon.add(ServiceSpec.of("web", List.of("python3", "-m", "http.server")));
        daemon.add(ServiceSpec.of("worker", List.of("sleep", "1000")));
        server = ManagementServer.start(daemon, TestEndpoints.jmxOff(), TestEndpoints.jolokia(), dir.resolve("daemon.json"));
        url = server.jolokiaUrl().orElseThrow();
    }

    @AfterEach
    void stop() {
        http.close();
        server.close();
    }

    private HttpResponse<String> post(String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(20))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the owner's credential from the runtime file, as the CLI sends it. */
    private JsonNode call(String body) throws Exception {
        HttpResponse<String> response = post(body, TestEndpoints.ownerAuthorization(server.runtimeFile()));
        return JSON.readTree(response.body());
    }

    @Test
    void readsADaemonAttribute() throws Exception {
        JsonNode answer = call("{\"type\":\"read\",\"mbean\":\"ppm:type=Daemon\",\"attribute\":\"RunningCount\"}");

        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("value").asInt()).isEqualTo(2);
    }

    @Test
    void bulkReadReturnsEveryServiceInOneRequest() throws Exception {
        JsonNode answer = call("{\"type\":\"read\",\"mbean\":\"ppm:type=Service,*\",\"attribute\":\"State\"}");

        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("value").path("ppm:name=web,type=Service").path("State").asText()).isEqualTo("Running");
        assertThat(answer.path("value").size()).isEqualTo(2);

        JsonNode services = call("{\"type\":\"read\",\"mbean\":\"ppm:type=Daemon\",\"attribute\":\"Services\"}");
        assertThat(services.path("value").findValuesAsText("name")).containsExactly("web", "worker");
    }

    @Test
    void executesAServiceOperation() throws Exception {
        JsonNode answer = call("{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=web\",\"operation\":\"stop\"}");

        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Finished");
    }

    @Test
    void listsThePpmDomain() throws Exception {
        JsonNode answer = call("{\"type\":\"list\",\"path\":\"ppm\"}");

        assertThat(answer.path("status").asInt()).isEqualTo(200);
        assertThat(answer.path("value").has("type=Daemon")).isTrue();
        assertThat(answer.path("value").path("type=Daemon").path("op").has("addService")).isTrue();
    }

    @Test
    void javaLangIsReadableButNotWritableOrExecutable() throws Exception {
        assertThat(call("{\"type\":\"read\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"HeapMemoryUsage\"}")
                .path("status").asInt()).isEqualTo(200);
        assertThat(call("{\"type\":\"exec\",\"mbean\":\"java.lang:type=Memory\",\"operation\":\"gc\"}")
                .path("status").asInt()).isEqualTo(403);
        assertThat(call("{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")
                .path("status").asInt()).isEqualTo(403);
    }

    @Test
    void diagnosticAndOtherMBeansAreDenied() throws Exception {
        HttpResponse<String> diagnostic = post("{\"type\":\"exec\",\"mbean\":\"com.sun.management:type=DiagnosticCommand\","
                + "\"operation\":\"vmVersion\",\"arguments\":[null]}", null);
        HttpResponse<String> hotspot = post("{\"type\":\"read\",\"mbean\":\"com.sun.management:type=HotSpotDiagnostic\","
                + "\"attribute\":\"DiagnosticOptions\"}", null);

        assertThat(JSON.readTree(diagnostic.body()).path("status").asInt()).isEqualTo(403);
        assertThat(JSON.readTree(diagnostic.body()).path("error").asText()).containsIgnoringCase("forbidden");
        assertThat(JSON.readTree(hotspot.body()).path("status").asInt()).isEqualTo(403);
    }

    @Test
    void badInputAnswersWithTheDaemonsOneLineMessageAndChangesNothing() throws Exception {
        JsonNode badName = call("{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"removeService\","
                + "\"arguments\":[\"no such\"]}");
        JsonNode badSignal = call("{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=web\",\"operation\":\"signal\","
                + "\"arguments\":[\"BOGUS\"]}");
        JsonNode emptyCommand = call("{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"addService\","
                + "\"arguments\":[\"{name: x, command: []}\"]}");

        assertThat(badName.path("error_type").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(badName.path("error").asText()).contains("invalid service name 'no such'");
        assertThat(badSignal.path("error").asText()).contains("unknown signal 'BOGUS'");
        assertThat(emptyCommand.path("error").asText()).contains("empty command");
        assertThat(badName.has("stacktrace")).isFalse();
        assertThat(daemon.services()).hasSize(2);
        assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Running");
    }

    @Test
    void userAndPasswordAreRequiredWhenConfigured() throws Exception {
        server.close();
        JolokiaConfig secured = new JolokiaConfig(true, "127.0.0.1", TestEndpoints.freePort(), "admin", "s3cret", null, null);
        server = ManagementServer.start(daemon, TestEndpoints.jmxOff(), secured, dir.resolve("daemon.json"));
        url = server.jolokiaUrl().orElseThrow();
        String body = "{\"type\":\"read\",\"mbean\":\"ppm:type=Daemon\",\"attribute\":\"Version\"}";

        assertThat(post(body, null).statusCode()).isEqualTo(401);
        String basic = "Basic " + Base64.getEncoder().encodeToString("admin:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> allowed = post(body, basic);
        assertThat(JSON.readTree(allowed.body()).path("value").asText()).isEqualTo("0.1.0-test");
    }
}
