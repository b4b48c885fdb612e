package io.partner.ppm.runtime.config;

/**
 * {@code daemon.jolokia}: the Jolokia HTTP/JSON endpoint. A host other than loopback needs a user and
 * password. TLS is on when a keystore is given.
 */
public record JolokiaConfig(
        boolean enabled, String host, int port, String user, String password, String keystore, String keystorePassword) {

    public static final JolokiaConfig DEFAULT = new JolokiaConfig(true, "127.0.0.1", 8778, null, null, null, null);
}
