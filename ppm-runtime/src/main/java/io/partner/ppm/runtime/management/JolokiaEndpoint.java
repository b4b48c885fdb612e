package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.IOException;
import java.net.BindException;
import java.net.URL;
import java.util.HashMap;
import java.util.Map;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.service.api.LogHandler;

/**
 * Jolokia's HTTP/JSON agent, embedded in the daemon's JVM (no {@code -javaagent}), with discovery
 * off and PPM's access policy: the {@code ppm} domain is readable, writable and executable,
 * {@code java.lang} is read-only, every other MBean answers 403.
 */
final class JolokiaEndpoint implements AutoCloseable {

    /** The default access policy, shipped next to this class. */
    static final String POLICY_RESOURCE = "jolokia-access.xml";

    private final JolokiaServer server;
    private final String url;

    private JolokiaEndpoint(JolokiaServer server, String url) {
        this.server = server;
        this.url = url;
    }

    static JolokiaEndpoint start(JolokiaConfig config, long pid) throws IOException {
        JolokiaServer server;
        try {
            server = new JolokiaServer(new JolokiaServerConfig(settings(config, pid)), new QuietLog());
            server.start();
        } catch (BindException e) {
            throw new IOException("Jolokia port " + config.host() + ":" + config.port() + " is not available: "
                    + e.getMessage() + " (set daemon.jolokia.port, or daemon.jolokia.enabled: false)", e);
        }
        var address = server.getAddress();
        String scheme = config.keystore() != null ? "https" : "http";
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return new JolokiaEndpoint(server, scheme + "://" + host + ":" + address.getPort() + "/jolokia/");
    }

    /** The base URL clients talk to, ending in {@code /jolokia/}. */
    String url() {
        return url;
    }

    @Override
    public void close() {
        server.stop();
    }

    private static Map<String, String> settings(JolokiaConfig config, long pid) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", config.host());
        settings.put("port", Integer.toString(config.port()));
        settings.put("agentContext", "/jolokia");
        settings.put("agentId", "ppm-" + pid);
        settings.put("discoveryEnabled", "false");
        settings.put("includeStackTrace", "false");
        settings.put("debug", "false");
        settings.put("policyLocation", policyUrl());
        if (config.user() != null) {
            settings.put("user", config.user());
            settings.put("password", config.password() == null ? "" : config.password());
        }
        if (config.keystore() != null) {
            settings.put("protocol", "https");
            settings.put("keystore", config.keystore());
            if (config.keystorePassword() != null) {
                settings.put("keystorePassword", config.keystorePassword());
            }
        }
        return settings;
    }

    /**
     * The policy's exact URL. Jolokia allows everything when it finds no policy, so a missing
     * resource must stop the start instead of silently opening every MBean.
     */
    private static String policyUrl() throws IOException {
        URL policy = JolokiaEndpoint.class.getResource(POLICY_RESOURCE);
        if (policy == null) {
            throw new IOException("Jolokia access policy " + POLICY_RESOURCE + " is missing from the class path");
        }
        return policy.toString();
    }

    /** Jolokia's messages go to the daemon's log at debug level; errors at warning. */
    private static final class QuietLog implements LogHandler {

        private static final System.Logger LOG = System.getLogger("io.partner.ppm.runtime.management.Jolokia");

        @Override
        public void debug(String message) {
            LOG.log(System.Logger.Level.DEBUG, message);
        }

        @Override
        public void info(String message) {
            LOG.log(System.Logger.Level.DEBUG, message);
        }

        @Override
        public void error(String message, Throwable error) {
            LOG.log(System.Logger.Level.WARNING, message, error);
        }

        @Override
        public boolean isDebug() {
            return false;
        }
    }
}
