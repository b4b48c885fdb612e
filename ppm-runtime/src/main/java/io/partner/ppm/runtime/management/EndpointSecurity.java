package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.config.JmxConfig;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The rule every control endpoint follows: loopback only, unless authentication is configured.
 * Checked before anything listens, so a daemon that would be open to the network never starts.
 */
final class EndpointSecurity {

    private EndpointSecurity() {
    }

    static void check(JmxConfig jmx, JolokiaConfig jolokia) throws IOException {
        if (jmx != null && jmx.enabled() && !isLoopback("daemon.jmx.host", jmx.host())
                && (isBlank(jmx.passwordFile()) || isBlank(jmx.accessFile()))) {
            throw new IOException("daemon.jmx.host " + jmx.host() + " is not a loopback address: "
                    + "set daemon.jmx.password_file and daemon.jmx.access_file, or use 127.0.0.1");
        }
        if (jolokia != null && jolokia.enabled() && !isLoopback("daemon.jolokia.host", jolokia.host())
                && (isBlank(jolokia.user()) || isBlank(jolokia.password()))) {
            throw new IOException("daemon.jolokia.host " + jolokia.host() + " is not a loopback address: "
                    + "set daemon.jolokia.user and daemon.jolokia.password, or use 127.0.0.1");
        }
        if (jmx != null && jmx.enabled()) {
            requireReadable("daemon.jmx.password_file", jmx.passwordFile());
            requireReadable("daemon.jmx.access_file", jmx.accessFile());
        }
    }

    private static boolean isLoopback(String key, String host) throws IOException {
        if (isBlank(host)) {
            throw new IOException(key + " is empty: use 127.0.0.1, or an address together with authentication");
        }
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            throw new IOException(key + " '" + host + "' is not a known host or address");
        }
    }

    private static void requireReadable(String key, String file) throws IOException {
        if (!isBlank(file) && !Files.isReadable(Path.of(file))) {
            throw new IOException(key + " " + file + " cannot be read");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
