package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.config.JmxConfig;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;

/** Endpoint configurations on free loopback ports, so tests can run next to each other and a real daemon. */
public final class TestEndpoints {

    private TestEndpoints() {
    }

    public static JmxConfig jmx() {
        return new JmxConfig(true, "127.0.0.1", freePort(), null, null);
    }

    public static JmxConfig jmxOff() {
        return new JmxConfig(false, "127.0.0.1", 0, null, null);
    }

    public static JolokiaConfig jolokia() {
        return new JolokiaConfig(true, "127.0.0.1", freePort(), null, null, null, null);
    }

    public static JolokiaConfig jolokiaOff() {
        return new JolokiaConfig(false, "127.0.0.1", 0, null, null, null, null);
    }

    public static int freePort() {
        try {
            return FreePort.find(InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
