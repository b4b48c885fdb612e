package io.partner.ppm.runtime.config;

/**
 * {@code daemon.jmx}: the JMX RMI connector. A host other than loopback needs both files.
 *
 * @param passwordFile a JMX password file (as for {@code com.sun.management.jmxremote.password.file}), or null
 * @param accessFile a JMX access file, or null
 */
public record JmxConfig(boolean enabled, String host, int port, String passwordFile, String accessFile) {

    public static final JmxConfig DEFAULT = new JmxConfig(true, "127.0.0.1", 9010, null, null);
}
