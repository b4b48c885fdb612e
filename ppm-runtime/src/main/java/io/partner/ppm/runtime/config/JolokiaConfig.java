package io.partner.ppm.runtime.config;

import java.util.List;

/**
 * {@code daemon.jolokia}: the Jolokia HTTP/JSON endpoint. A host other than loopback needs a user and
 * password. TLS is on when a keystore is given.
 *
 * @param allowedOrigins browser origins ({@code https://console.example.com}) allowed to call it; none by default
 * @param allowedHosts {@code Host} header names accepted besides the loopback names and {@code host}
 */
public record JolokiaConfig(
        boolean enabled, String host, int port, String user, String password, String keystore, String keystorePassword,
        List<String> allowedOrigins, List<String> allowedHosts) {

    public static final JolokiaConfig DEFAULT = new JolokiaConfig(true, "127.0.0.1", 8778, null, null, null, null);

    public JolokiaConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        allowedHosts = List.copyOf(allowedHosts);
    }

    /** No browser origin and no extra host name allowed. */
    public JolokiaConfig(boolean enabled, String host, int port, String user, String password, String keystore,
            String keystorePassword) {
        this(enabled, host, port, user, password, keystore, keystorePassword, List.of(), List.of());
    }
}
