package io.partner.ppm.runtime.management;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Everything a Jolokia request passes before Jolokia sees it:
 * <ul>
 *   <li>{@code Host} must be a loopback name (127.0.0.1, localhost, [::1], any port), the configured
 *       host or one of {@code allowed_hosts}: a DNS-rebinding page names its own site;</li>
 *   <li>an {@code Origin} must be one of {@code allowed_origins} (none by default), for every method
 *       including the CORS preflight;</li>
 *   <li>no JSONP ({@code callback}), which would let any page read the answer;</li>
 *   <li>{@link JolokiaAuthenticator} lets the client in as a reader or a controller, or answers 401;</li>
 *   <li>a body of at most {@link #MAX_BODY_BYTES}: a larger {@code Content-Length} is refused with 413
 *       before a byte is read, a chunked body as soon as it grows past the limit;</li>
 *   <li>at most {@link #MAX_HANDLED} requests in Jolokia at once; bodies are read before, on the
 *       request's own virtual thread, so a client that sends slowly holds nobody else up.</li>
 * </ul>
 * It then hands the request's rights ({@link JolokiaRequestAccess}) to {@link JolokiaRestrictor}.
 */
final class JolokiaGuard extends Filter {

    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_HANDLED = 4;

    private static final List<String> LOOPBACK_NAMES = List.of("127.0.0.1", "localhost", "[::1]");
    private static final long HANDLING_WAIT_SECONDS = 30;

    private final Authenticator authenticator;
    private final Set<String> hosts;
    private final Set<String> origins;
    private final Semaphore handling = new Semaphore(MAX_HANDLED, true);

    JolokiaGuard(Authenticator authenticator, String configuredHost, List<String> allowedHosts,
            List<String> allowedOrigins) {
        this.authenticator = authenticator;
        Set<String> names = new HashSet<>(LOOPBACK_NAMES);
        names.add(hostName(configuredHost.contains(":") && !configuredHost.startsWith("[")
                ? "[" + configuredHost + "]" : configuredHost));
        allowedHosts.forEach(h -> names.add(hostName(h)));
        this.hosts = Set.copyOf(names);
        Set<String> normalized = new HashSet<>();
        allowedOrigins.forEach(o -> normalized.add(JolokiaRestrictor.normalized(o)));
        this.origins = Set.copyOf(normalized);
    }

    @Override
    public String description() {
        return "PPM's Host, Origin, JSONP and size checks";
    }

    @Override
    public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
        try (exchange) {
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (host == null || !hosts.contains(hostName(host))) {
                refuse(exchange, 403, "Host '" + host + "' is not one of this endpoint's names "
                        + "(loopback, daemon.jolokia.host or daemon.jolokia.allowed_hosts)");
                return;
            }
            String origin = exchange.getRequestHeaders().getFirst("Origin");
            if (origin != null && !origins.contains(JolokiaRestrictor.normalized(origin))) {
                refuse(exchange, 403, "Origin '" + origin + "' is not allowed (daemon.jolokia.allowed_origins)");
                return;
            }
            String query = exchange.getRequestURI().getRawQuery();
            if (query != null && ("&" + query).contains("&callback=")) {
                refuse(exchange, 400, "JSONP (callback) is not served");
                return;
            }
            // Authenticated here, not as a context authenticator: the JDK runs those after the filters.
            if (!(authenticator.authenticate(exchange) instanceof Authenticator.Success success)) {
                refuse(exchange, 401, "wrong user or password, or none where one is needed");
                return;
            }
            if ("POST".equalsIgnoreCase(exchange.getRequestMethod()) && !bufferBody(exchange)) {
                return;
            }
            handle(exchange, chain, success.getPrincipal());
        }
    }

    private void handle(HttpExchange exchange, Chain chain, HttpPrincipal principal) throws IOException {
        try {
            if (!handling.tryAcquire(HANDLING_WAIT_SECONDS, TimeUnit.SECONDS)) {
                refuse(exchange, 503, "the endpoint is busy; try again");
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        try {
            boolean control = JolokiaAuthenticator.CONTROL_REALM.equals(principal.getRealm());
            boolean overGet = !"POST".equalsIgnoreCase(exchange.getRequestMethod());
            new JolokiaRequestAccess(control, overGet, origins).runAs(() -> {
                try {
                    chain.doFilter(exchange);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            handling.release();
        }
    }

    /** Reads the body into memory within the limit; false when the request was refused. */
    private static boolean bufferBody(HttpExchange exchange) throws IOException {
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.strip());
            } catch (NumberFormatException e) {
                refuse(exchange, 400, "Content-Length '" + length + "' is not a number");
                return false;
            }
            if (declared > MAX_BODY_BYTES) {
                refuse(exchange, 413, "request body of " + declared + " bytes is over the limit of " + MAX_BODY_BYTES);
                return false;
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = exchange.getRequestBody();
        for (int n; (n = in.read(buffer)) >= 0; ) {
            body.write(buffer, 0, n);
            if (body.size() > MAX_BODY_BYTES) {
                refuse(exchange, 413, "request body is over the limit of " + MAX_BODY_BYTES + " bytes");
                return false;
            }
        }
        exchange.setStreams(new ByteArrayInputStream(body.toByteArray()), null);
        return true;
    }

    /** A Jolokia-shaped JSON error with the same HTTP status; the connection is closed after it. */
    private static void refuse(HttpExchange exchange, int status, String message) throws IOException {
        StringBuilder json = new StringBuilder("{\"status\":").append(status).append(",\"error_type\":\"ppm.Refused\",\"error\":");
        json.append('"').append(JsonStringEncoder.getInstance().quoteAsString(message)).append('"');
        byte[] bytes = json.append("}").toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.getResponseHeaders().set("Connection", "close");
        exchange.sendResponseHeaders(status, bytes.length);
        // Closing the body sends the answer now; only then does the server skip what is left of the request.
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(bytes);
        }
    }

    /** The name part of a {@code Host} value, lower case, without the port. */
    static String hostName(String host) {
        String text = host.strip().toLowerCase(Locale.ROOT);
        if (text.startsWith("[")) {
            int end = text.indexOf(']');
            return end < 0 ? text : text.substring(0, end + 1);
        }
        int colon = text.indexOf(':');
        return colon < 0 || text.indexOf(':', colon + 1) >= 0 ? text : text.substring(0, colon);
    }
}
