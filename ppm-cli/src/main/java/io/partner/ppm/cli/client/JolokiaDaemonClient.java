package io.partner.ppm.cli.client;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.management.DaemonStatus;
import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Talks to the daemon's Jolokia endpoint with plain {@link HttpURLConnection} POSTs (the JDK's
 * {@code HttpClient} costs about half a second of start-up) and maps the JSON answers back to the
 * ppm-api records.
 */
public final class JolokiaDaemonClient implements DaemonClient {

    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int READ_TIMEOUT_MILLIS = 60_000;

    private final String url;
    private final URL endpoint;
    private final String authorization;

    private JolokiaDaemonClient(String url, URL endpoint, String authorization) {
        this.url = url;
        this.endpoint = endpoint;
        this.authorization = authorization;
    }

    /** A client for a Jolokia base URL; nothing is sent until the first call. */
    public static JolokiaDaemonClient of(String url, String user, String password) {
        URL endpoint;
        try {
            endpoint = URI.create(url).toURL();
        } catch (IllegalArgumentException | IOException e) {
            throw new CliException.Usage("--url " + url + " is not a valid URL");
        }
        String authorization = user == null ? null : "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + (password == null ? "" : password)).getBytes(StandardCharsets.UTF_8));
        return new JolokiaDaemonClient(url, endpoint, authorization);
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public DaemonStatus status() {
        return JsonRecords.status(read(ObjectNames.DAEMON, "Status", null));
    }

    @Override
    public List<ServiceInfo> services() {
        return JsonRecords.services(read(ObjectNames.DAEMON, "Services", null));
    }

    @Override
    public ServiceInfo service(String name) {
        return JsonRecords.service(read(serviceName(name), "Info", name));
    }

    @Override
    public DaemonStats daemonStats() {
        return JsonRecords.daemonStats(read(ObjectNames.DAEMON, "DaemonStats", null));
    }

    @Override
    public ContainerStats containerStats() {
        Object json = read(ObjectNames.DAEMON, "ContainerStats", null);
        return json == null ? null : JsonRecords.containerStats(json);
    }

    @Override
    public ServiceHistory history(String name) {
        return JsonRecords.history(read(serviceName(name), "History", name));
    }

    @Override
    public void sample() {
        exec(ObjectNames.DAEMON, "sample", null);
    }

    @Override
    public void start(String name) {
        exec(serviceName(name), "start", name);
    }

    @Override
    public void stop(String name) {
        exec(serviceName(name), "stop", name);
    }

    @Override
    public void restart(String name) {
        exec(serviceName(name), "restart", name);
    }

    @Override
    public void pause(String name) {
        exec(serviceName(name), "pause", name);
    }

    @Override
    public void resume(String name) {
        exec(serviceName(name), "resume", name);
    }

    @Override
    public void signal(String name, String signal) {
        exec(serviceName(name), "signal", name, signal);
    }

    @Override
    public String addService(String definition) {
        return String.valueOf(exec(ObjectNames.DAEMON, "addService", null, definition));
    }

    @Override
    public void removeService(String name) {
        exec(ObjectNames.DAEMON, "removeService", null, name);
    }

    @Override
    public void reload() {
        exec(ObjectNames.DAEMON, "reload", null);
    }

    @Override
    public List<String> stopAll() {
        Object names = exec(ObjectNames.DAEMON, "stopAll", null);
        return names instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
    }

    @Override
    public void shutdown() {
        exec(ObjectNames.DAEMON, "shutdown", null);
    }

    @Override
    public String configuration() {
        return String.valueOf(exec(ObjectNames.DAEMON, "configuration", null));
    }

    @Override
    public List<PluginInfo> plugins() {
        return JsonRecords.plugins(read(ObjectNames.DAEMON, "Plugins", null));
    }

    @Override
    public List<LogEntry> logs(String service, long afterSeq, int max) {
        return JsonRecords.logs(exec(ObjectNames.DAEMON, "logs", null, service, afterSeq, max));
    }

    @Override
    public List<LogEntry> tail(String service, int lines) {
        return JsonRecords.logs(exec(ObjectNames.DAEMON, "tail", null, service, lines));
    }

    @Override
    public List<LogEntry> logsSince(long sinceMillis, int max) {
        return JsonRecords.logs(exec(ObjectNames.DAEMON, "logsSince", null, sinceMillis, max));
    }

    @Override
    public void close() {
        // Each call is its own HTTP request: nothing stays open.
    }

    /** Validates the name here, so an invalid one reads the same as through JMX. */
    private static String serviceName(String name) {
        if (name == null || !ServiceSpec.NAME.matcher(name).matches()) {
            throw new CliException.OperationFailed(ServiceSpec.invalidName(String.valueOf(name)));
        }
        return ObjectNames.service(name).toString();
    }

    private Object read(String mbean, String attribute, String service) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "read");
        request.put("mbean", mbean);
        request.put("attribute", attribute);
        return send(request, service);
    }

    private Object exec(String mbean, String operation, String service, Object... arguments) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("type", "exec");
        request.put("mbean", mbean);
        request.put("operation", operation);
        request.put("arguments", List.of(arguments));
        return send(request, service);
    }

    private Object send(Map<String, Object> request, String service) {
        Map<?, ?> answer = post(Json.write(request));
        Object status = answer.get("status");
        if (status instanceof Number code && code.intValue() == 200) {
            return answer.get("value");
        }
        throw failure(answer, status, service);
    }

    private CliException failure(Map<?, ?> answer, Object status, String service) {
        int code = status instanceof Number n ? n.intValue() : 0;
        String errorType = String.valueOf(answer.get("error_type"));
        if (code == 404 || errorType.endsWith("InstanceNotFoundException")) {
            return new CliException.OperationFailed(
                    service == null ? "the daemon at " + url + " has no PPM MBeans" : "unknown service '" + service + "'");
        }
        if (code == 403 && authorization == null) {
            return new CliException.OperationFailed("the daemon at " + url + " lets you read but not control it: "
                    + "control needs its credential (the daemon's own runtime file, or --user with PPM_PASSWORD)");
        }
        if (code == 403) {
            return new CliException.OperationFailed("Jolokia at " + url + " refused the request (access policy)");
        }
        return new CliException.OperationFailed(message(String.valueOf(answer.get("error")), errorType));
    }

    /** Jolokia writes {@code java.lang.IllegalArgumentException : the message}; users need the message. */
    private static String message(String error, String errorType) {
        String prefix = errorType + " : ";
        if (error.startsWith(prefix)) {
            return error.substring(prefix.length()).strip();
        }
        int colon = error.indexOf(" : ");
        return colon > 0 && error.substring(0, colon).indexOf(' ') < 0 ? error.substring(colon + 3).strip() : error;
    }

    private Map<?, ?> post(String body) {
        HttpURLConnection http = null;
        try {
            http = (HttpURLConnection) endpoint.openConnection();
            http.setConnectTimeout(CONNECT_TIMEOUT_MILLIS);
            http.setReadTimeout(READ_TIMEOUT_MILLIS);
            http.setRequestMethod("POST");
            http.setDoOutput(true);
            http.setRequestProperty("Content-Type", "application/json");
            if (authorization != null) {
                http.setRequestProperty("Authorization", authorization);
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            http.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = http.getOutputStream()) {
                out.write(bytes);
            }
            int code = http.getResponseCode();
            if (code == HttpURLConnection.HTTP_UNAUTHORIZED) {
                throw new CliException.OperationFailed(authorization == null
                        ? "Jolokia at " + url + " needs a user and password: pass --user and set PPM_PASSWORD"
                        : "the daemon at " + url + " refused the user and password");
            }
            String text = readAll(code >= 400 ? http.getErrorStream() : http.getInputStream());
            if (!(parse(text, code) instanceof Map<?, ?> answer)) {
                throw new CliException.OperationFailed("unexpected answer from " + url + " (HTTP " + code + ")");
            }
            return answer;
        } catch (IOException e) {
            throw Endpoints.unreachable(url, e);
        } finally {
            if (http != null) {
                http.disconnect();
            }
        }
    }

    private Object parse(String text, int code) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new CliException.Unreachable(url + " is not a PPM Jolokia endpoint (HTTP " + code + ", no JSON answer)");
        }
    }

    private static String readAll(InputStream in) throws IOException {
        if (in == null) {
            return "";
        }
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
