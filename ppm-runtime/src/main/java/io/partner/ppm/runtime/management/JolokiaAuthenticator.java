package io.partner.ppm.runtime.management;

import com.sun.net.httpserver.Authenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpPrincipal;
import io.partner.ppm.runtime.management.ControlCredentials.Access;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * HTTP Basic authentication for Jolokia, where no credentials is also an answer: a loopback client
 * without an {@code Authorization} header gets in as a reader; a client with a known user and
 * password gets in with that user's access (the realm of its principal says which); a wrong
 * password, or no credentials from another address, is answered with 401 at once.
 */
final class JolokiaAuthenticator extends Authenticator {

    static final String CONTROL_REALM = "ppm-control";
    static final String READ_REALM = "ppm-read";

    private final ControlCredentials credentials;
    private final boolean anonymousReads;

    /**
     * @param anonymousReads whether a loopback client without credentials may read (no
     *     {@code daemon.jolokia.user} asks for credentials on every request)
     */
    JolokiaAuthenticator(ControlCredentials credentials, boolean anonymousReads) {
        this.credentials = credentials;
        this.anonymousReads = anonymousReads;
    }

    @Override
    public Result authenticate(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null) {
            if (anonymousReads && exchange.getRemoteAddress().getAddress().isLoopbackAddress()) {
                return new Success(new HttpPrincipal("anonymous", READ_REALM));
            }
            return challenge(exchange);
        }
        String[] pair = decode(header);
        Access access = pair == null ? null : credentials.check(pair[0], pair[1]);
        if (access == null) {
            return challenge(exchange);
        }
        return new Success(new HttpPrincipal(pair[0], access == Access.CONTROL ? CONTROL_REALM : READ_REALM));
    }

    private static Result challenge(HttpExchange exchange) {
        exchange.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ppm\", charset=\"UTF-8\"");
        return new Retry(401);
    }

    private static String[] decode(String header) {
        if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String text = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            return colon < 0 ? null : new String[] {text.substring(0, colon), text.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }
}
