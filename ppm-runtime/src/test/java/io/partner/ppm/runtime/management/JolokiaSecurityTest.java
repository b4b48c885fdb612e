package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Jolokia as an attacker or a careless client meets it, over raw HTTP so that every header is the
 * test's own: who may read, who may control, browsers, DNS rebinding, GETs, and clients that send
 * too much or too slowly.
 */
class JolokiaSecurityTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STOP_WEB = "{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=web\",\"operation\":\"stop\"}";
    private static final String READ_SERVICES = "{\"type\":\"read\",\"mbean\":\"ppm:type=Daemon\",\"attribute\":\"Services\"}";

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();
    private ManagementServer server;
    private int port;
    private String owner;

    @BeforeEach
    void start() throws Exception {
        start(TestEndpoints.jolokia());
    }

    private void start(JolokiaConfig config) throws Exception {
        if (server != null) {
            server.close();
        }
        if (daemon.service("web").isEmpty()) {
            daemon.add(ServiceSpec.of("web", List.of("sleep", "1000")));
        }
        server = ManagementServer.start(daemon, TestEndpoints.jmxOff(), config, dir.resolve("daemon.json"));
        port = URI.create(server.jolokiaUrl().orElseThrow()).getPort();
        owner = TestEndpoints.ownerAuthorization(server.runtimeFile());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String webState() {
        return daemon.service("web").orElseThrow().state().label();
    }

    @Test
    void withoutCredentialsReadingWorksAndNothingCanBeChanged() throws Exception {
        Reply read = post(READ_SERVICES, List.of());
        assertThat(read.json().path("status").asInt()).isEqualTo(200);
        assertThat(read.json().path("value").findValuesAsText("name")).contains("web");

        for (String change : List.of(STOP_WEB,
                "{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=web\",\"operation\":\"signal\",\"arguments\":[\"KILL\"]}",
                "{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"addService\","
                        + "\"arguments\":[\"{name: evil, command: [id]}\"]}",
                "{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"configuration\"}",
                "{\"type\":\"write\",\"mbean\":\"java.lang:type=Memory\",\"attribute\":\"Verbose\",\"value\":true}")) {
            Reply refused = post(change, List.of());
            assertThat(refused.json().path("status").asInt()).as(change).isEqualTo(403);
        }
        assertThat(webState()).isEqualTo("Running");
        assertThat(daemon.service("evil")).isEmpty();
        // Sampling only refreshes what everybody may read.
        assertThat(post("{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"sample\"}", List.of())
                .json().path("status").asInt()).isEqualTo(200);
    }

    @Test
    void theRuntimeFilesCredentialControlsAndAWrongOneIsOneLine() throws Exception {
        Reply wrong = post(STOP_WEB, List.of("Authorization: Basic "
                + java.util.Base64.getEncoder().encodeToString("ppm:guess".getBytes(StandardCharsets.UTF_8))));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().path("error").asText()).doesNotContain("\n").contains("wrong user or password");
        assertThat(webState()).isEqualTo("Running");

        Reply allowed = post(STOP_WEB, List.of("Authorization: " + owner));
        assertThat(allowed.json().path("status").asInt()).isEqualTo(200);
        assertThat(webState()).isEqualTo("Finished");
    }

    @Test
    void aBrowserPageOfAnotherOriginIsRefusedAndNothingRuns() throws Exception {
        Reply preflight = request("OPTIONS /jolokia/ HTTP/1.1", List.of("Origin: http://evil.example",
                "Access-Control-Request-Method: POST", "Access-Control-Request-Headers: content-type"), null);
        assertThat(preflight.status()).isEqualTo(403);
        assertThat(preflight.head()).doesNotContainIgnoringCase("Access-Control-Allow-Origin")
                .doesNotContainIgnoringCase("Access-Control-Allow-Credentials");

        // A simple cross-origin POST needs no preflight; even with the credential it must not run.
        Reply post = post(STOP_WEB, List.of("Origin: http://evil.example", "Content-Type: text/plain",
                "Authorization: " + owner));
        assertThat(post.status()).isEqualTo(403);
        assertThat(webState()).isEqualTo("Running");
    }

    @Test
    void aConfiguredOriginIsAllowed() throws Exception {
        JolokiaConfig base = TestEndpoints.jolokia();
        start(new JolokiaConfig(true, base.host(), base.port(), null, null, null, null,
                // Jolokia itself refuses an https origin over plain http.
                List.of("http://console.example.com"), List.of()));

        Reply preflight = request("OPTIONS /jolokia/ HTTP/1.1", List.of("Origin: http://console.example.com",
                "Access-Control-Request-Method: POST"), null);
        assertThat(preflight.status()).as(preflight.body()).isEqualTo(200);
        assertThat(preflight.head()).containsIgnoringCase("Access-Control-Allow-Origin: http://console.example.com");
        assertThat(post(READ_SERVICES, List.of("Origin: http://evil.example")).status()).isEqualTo(403);
    }

    @Test
    void noJsonpAndNoStackTraceWhateverTheRequestAsks() throws Exception {
        Reply jsonp = request("GET /jolokia/read/ppm:type=Daemon/Version?callback=steal HTTP/1.1", List.of(), null);
        assertThat(jsonp.status()).isEqualTo(400);
        assertThat(jsonp.body()).doesNotContain("steal(");

        Reply failing = request("POST /jolokia/?includeStackTrace=true&serializeException=true&allowErrorDetails=true HTTP/1.1",
                List.of("Authorization: " + owner, "Content-Type: application/json"),
                "{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"removeService\",\"arguments\":[\"ghost\"]}");
        assertThat(failing.json().path("status").asInt()).isNotEqualTo(200);
        assertThat(failing.json().has("stacktrace")).isFalse();
        assertThat(failing.json().has("error_value")).isFalse();
        assertThat(failing.body()).doesNotContain("\tat ").doesNotContain("at java.");
    }

    @Test
    void onlyLoopbackHostNamesAreAnswered() throws Exception {
        for (String host : List.of("evil.example", "evil.example:" + port, "10.0.0.1", "127.0.0.1.evil.example")) {
            Reply rebound = request("POST /jolokia/ HTTP/1.1", List.of("Host: " + host), READ_SERVICES);
            assertThat(rebound.status()).as(host).isEqualTo(403);
        }
        for (String host : List.of("127.0.0.1:" + port, "localhost:" + port, "LOCALHOST", "[::1]:" + port, "127.0.0.1")) {
            Reply fine = request("POST /jolokia/ HTTP/1.1", List.of("Host: " + host), READ_SERVICES);
            assertThat(fine.json().path("status").asInt()).as(host).isEqualTo(200);
        }
    }

    @Test
    void aGetNeverChangesAnythingEvenWithTheCredential() throws Exception {
        for (String line : List.of("GET /jolokia/exec/ppm:type=Service,name=web/stop HTTP/1.1",
                "GET /jolokia/?p=/exec/ppm:type=Service,name=web/stop HTTP/1.1",
                "GET /jolokia/write/java.lang:type=Memory/Verbose/true HTTP/1.1")) {
            Reply get = request(line, List.of("Authorization: " + owner), null);
            assertThat(get.json().path("status").asInt()).as(line).isEqualTo(403);
        }
        assertThat(webState()).isEqualTo("Running");
        assertThat(request("GET /jolokia/read/ppm:type=Daemon/ServiceCount HTTP/1.1", List.of(), null)
                .json().path("value").asInt()).isEqualTo(1);
    }

    @Test
    void aHalfSentBodyHeldOpenDoesNotDelayOthers() throws Exception {
        long before = medianReadMillis();
        List<Socket> slow = new ArrayList<>();
        try {
            // More slow clients than Jolokia handles at once: bodies are read before a request takes a place.
            for (int i = 0; i < JolokiaGuard.MAX_HANDLED + 2; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                socket.getOutputStream().write(("POST /jolokia/ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n{\"type\":")
                        .getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                slow.add(socket);
            }
            long during = medianReadMillis();
            assertThat(during).as("ppm ls with slow clients (before: %d ms)", before).isLessThan(before + 100);
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void a300MegabyteBodyIsRefusedAtOnceWithoutTheHeapGrowing() throws Exception {
        long heapBefore = usedHeapAfterGc();

        Reply declared = request("POST /jolokia/ HTTP/1.1", List.of("Content-Length: " + 300L * 1024 * 1024), null);
        assertThat(declared.status()).isEqualTo(413);

        long sent = 0;
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write("POST /jolokia/ HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
            try {
                while (sent < 300L * 1024 * 1024) {
                    out.write(size);
                    out.write(chunk);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent += chunk.length;
                }
            } catch (IOException refused) {
                // The daemon closed the connection: what the test wants.
            }
            String answer = new String(socket.getInputStream().readNBytes(200), StandardCharsets.US_ASCII);
            assertThat(answer).startsWith("HTTP/1.1 413");
        } catch (IOException closedBeforeTheAnswerWasRead) {
            // A reset can also come before the answer is read; the bytes sent below tell what happened.
        }
        assertThat(sent).isLessThan(300L * 1024 * 1024);
        assertThat(usedHeapAfterGc() - heapBefore).isLessThan(32L * 1024 * 1024);
        assertThat(post(READ_SERVICES, List.of()).json().path("status").asInt()).isEqualTo(200);
    }

    @Test
    void aClientPullsTheNotificationsItRegisteredFor() throws Exception {
        JsonNode register = post("{\"type\":\"notification\",\"command\":\"register\"}", List.of()).json();
        String client = register.path("value").path("id").asText();
        String store = register.path("value").path("backend").path("pull").path("store").asText();
        assertThat(client).isNotEmpty();
        assertThat(store).startsWith("jolokia:type=NotificationStore");
        JsonNode add = post("{\"type\":\"notification\",\"command\":\"add\",\"client\":\"" + client + "\",\"mode\":\"pull\","
                + "\"mbean\":\"ppm:type=Service,name=web\"}", List.of()).json();
        assertThat(add.path("status").asInt()).as(add.toString()).isEqualTo(200);
        String handle = add.path("value").asText();

        post(STOP_WEB, List.of("Authorization: " + owner));
        JsonNode pulled = post("{\"type\":\"exec\",\"mbean\":\"" + store + "\",\"operation\":\"pull\","
                + "\"arguments\":[\"" + client + "\",\"" + handle + "\"]}", List.of()).json();

        assertThat(pulled.path("status").asInt()).as(pulled.toString()).isEqualTo(200);
        assertThat(pulled.path("value").path("notifications").findValuesAsText("newValue")).contains("Finished");
    }

    @Test
    void operationsListTheirParametersByName() throws Exception {
        JsonNode list = post("{\"type\":\"list\",\"path\":\"ppm/name=web,type=Service/op\"}", List.of()).json();

        JsonNode argument = list.path("value").path("signal").path("args").path(0);
        assertThat(argument.path("name").asText()).as(list.toString()).isEqualTo("name");
        assertThat(argument.path("desc").asText()).contains("signal name");
        assertThat(list.path("value").path("signal").path("desc").asText()).contains("signal");
    }

    private long medianReadMillis() throws Exception {
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            assertThat(post(READ_SERVICES, List.of()).json().path("status").asInt()).isEqualTo(200);
            times[i] = (System.nanoTime() - start) / 1_000_000;
        }
        Arrays.sort(times);
        return times[times.length / 2];
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private Reply post(String body, List<String> headers) throws IOException {
        List<String> all = new ArrayList<>(headers);
        if (headers.stream().noneMatch(h -> h.startsWith("Content-Type"))) {
            all.add("Content-Type: application/json");
        }
        return request("POST /jolokia/ HTTP/1.1", all, body);
    }

    /** One request on its own connection; Host is 127.0.0.1 unless the headers name one. */
    private Reply request(String requestLine, List<String> headers, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(20_000);
            StringBuilder text = new StringBuilder(requestLine).append("\r\n");
            if (headers.stream().noneMatch(h -> h.startsWith("Host:"))) {
                text.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            headers.forEach(h -> text.append(h).append("\r\n"));
            byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
            if (body != null) {
                text.append("Content-Length: ").append(bytes.length).append("\r\n");
            }
            text.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(text.toString().getBytes(StandardCharsets.UTF_8));
            out.write(bytes);
            out.flush();
            return Reply.parse(readAnswer(socket.getInputStream()));
        }
    }

    /**
     * One answer, read as far as it says it goes: after refusing a request whose body is still to
     * come, the server keeps the connection a moment longer than the answer.
     */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try {
            while (!all.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return all.toString(StandardCharsets.UTF_8);
                }
                all.write(b);
            }
            String head = all.toString(StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
            java.util.regex.Matcher length = java.util.regex.Pattern.compile("content-length: *(\\d+)").matcher(head);
            if (length.find()) {
                all.write(in.readNBytes(Integer.parseInt(length.group(1))));
            } else if (head.contains("transfer-encoding: chunked")) {
                while (!all.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n0\r\n\r\n")) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    all.write(b);
                }
            } else if (!head.startsWith("http/1.1 200") || head.contains("connection: close")) {
                in.transferTo(all);
            }
        } catch (java.net.SocketException reset) {
            // The server may reset after answering a refused request; what arrived is the answer.
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    /** An HTTP answer: status, head and (de-chunked) body. */
    private record Reply(int status, String head, String body) {

        static Reply parse(String raw) {
            int split = raw.indexOf("\r\n\r\n");
            String head = split < 0 ? raw : raw.substring(0, split);
            String body = split < 0 ? "" : raw.substring(split + 4);
            if (head.toLowerCase(java.util.Locale.ROOT).contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            int status = head.length() >= 12 ? Integer.parseInt(head.substring(9, 12)) : 0;
            return new Reply(status, head, body);
        }

        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }

        private static String dechunk(String body) {
            StringBuilder out = new StringBuilder();
            int at = 0;
            while (at < body.length()) {
                int end = body.indexOf("\r\n", at);
                if (end < 0) {
                    break;
                }
                int size = Integer.parseInt(body.substring(at, end).strip(), 16);
                if (size == 0) {
                    break;
                }
                out.append(body, end + 2, Math.min(body.length(), end + 2 + size));
                at = end + 2 + size + 2;
            }
            return out.toString();
        }
    }
}
