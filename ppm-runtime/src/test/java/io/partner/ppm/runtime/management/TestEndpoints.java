package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.config.JmxConfig;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import javax.management.remote.JMXConnector;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    /** The owner's user and password, from a runtime file the daemon wrote. */
    public static String[] owner(Path runtimeFile) {
        try {
            Map<?, ?> json = new ObjectMapper().readValue(runtimeFile.toFile(), Map.class);
            return new String[] {(String) json.get("user"), (String) json.get("password")};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JMX connection environment with the owner's credential. */
    public static Map<String, Object> ownerEnvironment(Path runtimeFile) {
        return Map.of(JMXConnector.CREDENTIALS, owner(runtimeFile));
    }

    /** An HTTP Basic {@code Authorization} value with the owner's credential. */
    public static String ownerAuthorization(Path runtimeFile) {
        String[] owner = owner(runtimeFile);
        return "Basic " + Base64.getEncoder().encodeToString((owner[0] + ":" + owner[1]).getBytes(StandardCharsets.UTF_8));
    }

    public static int freePort() {
        try {
            return FreePort.find(InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
