package io.partner.ppm.runtime.management;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.File;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jolokia.jvmagent.JolokiaServer;
import org.jolokia.jvmagent.JolokiaServerConfig;
import org.jolokia.server.core.service.api.LogHandler;

/**
 * Jolokia's HTTP/JSON agent, embedded in the daemon's JVM (no {@code -javaagent}), on an HTTP server
 * the daemon builds itself: a virtual thread per connection (a slow client parks, it does not hold a
 * worker), {@link JolokiaGuard} and {@link JolokiaAuthenticator} in front of every path, and
 * {@link JolokiaRestrictor} with PPM's access policy behind: the {@code ppm} domain is readable by
 * loopback clients and controllable with credentials, {@code java.lang} is read-only, every other
 * MBean answers 403. Discovery, error details (stack traces) and JSONP are off.
 */
final class JolokiaEndpoint implements AutoCloseable {

    /** The default access policy, shipped next to this class. */
    static final String POLICY_RESOURCE = "jolokia-access.xml";

    /**
     * The JDK HTTP server's own limits, read once per JVM: open connections, request headers, and
     * the time a request may take to arrive and be answered (a half-sent request is closed after it).
     * A value given on the command line wins.
     */
    private static final Map<String, String> SERVER_LIMITS = Map.of(
            "jdk.httpserver.maxConnections", "64",
            "sun.net.httpserver.maxReqHeaders", "64",
            "sun.net.httpserver.maxReqHeaderSize", "16384",
            "sun.net.httpserver.maxReqTime", "60",
            "sun.net.httpserver.maxRspTime", "60",
            "sun.net.httpserver.idleInterval", "30");

    static {
        SERVER_LIMITS.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    private final JolokiaServer jolokia;
    private final HttpServer http;
    private final ExecutorService executor;
    private final String url;

    private JolokiaEndpoint(JolokiaServer jolokia, HttpServer http, ExecutorService executor, String url) {
        this.jolokia = jolokia;
        this.http = http;
        this.executor = executor;
        this.url = url;
    }

    static JolokiaEndpoint start(JolokiaConfig config, long pid, ControlCredentials credentials) throws IOException {
        HttpServer http = createServer(config);
        ExecutorService executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jolokia-", 0).factory());
        http.setExecutor(executor);
        ControlCredentials users = config.user() == null ? credentials
                : credentials.with(config.user(), config.password(), ControlCredentials.Access.CONTROL);
        GuardedHttpServer guarded = new GuardedHttpServer(http, new JolokiaGuard(
                new JolokiaAuthenticator(users, config.user() == null),
                config.host(), config.allowedHosts(), config.allowedOrigins()));
        JolokiaServer jolokia;
        try {
            jolokia = new JolokiaServer(guarded, new JolokiaServerConfig(settings(config, pid)), new QuietLog());
            jolokia.start();
            http.start();
        } catch (RuntimeException e) {
            http.stop(0);
            executor.shutdownNow();
            throw e;
        }
        String scheme = config.keystore() != null ? "https" : "http";
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return new JolokiaEndpoint(jolokia, http, executor,
                scheme + "://" + host + ":" + http.getAddress().getPort() + "/jolokia/");
    }

    /** The base URL clients talk to, ending in {@code /jolokia/}. */
    String url() {
        return url;
    }

    @Override
    public void close() {
        try {
            jolokia.stop();
        } finally {
            http.stop(0);
            executor.shutdownNow();
        }
    }

    private static HttpServer createServer(JolokiaConfig config) throws IOException {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(config.host()), config.port());
        try {
            if (config.keystore() == null) {
                return HttpServer.create(address, 50);
            }
            HttpsServer https = HttpsServer.create(address, 50);
            https.setHttpsConfigurator(new HttpsConfigurator(sslContext(config)));
            return https;
        } catch (BindException e) {
            throw new IOException("Jolokia port " + config.host() + ":" + config.port() + " is not available: "
                    + e.getMessage() + " (set daemon.jolokia.port, or daemon.jolokia.enabled: false)", e);
        }
    }

    private static SSLContext sslContext(JolokiaConfig config) throws IOException {
        char[] password = config.keystorePassword() == null ? new char[0] : config.keystorePassword().toCharArray();
        try {
            KeyStore store = KeyStore.getInstance(new File(config.keystore()), password);
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(store, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IOException("daemon.jolokia.keystore " + config.keystore() + " cannot be used: "
                    + JdkExceptions.oneLine(e), e);
        }
    }

    private static Map<String, String> settings(JolokiaConfig config, long pid) throws IOException {
        Map<String, String> settings = new HashMap<>();
        settings.put("host", config.host());
        settings.put("port", Integer.toString(config.port()));
        settings.put("agentContext", "/jolokia");
        settings.put("agentId", "ppm-" + pid);
        settings.put("discoveryEnabled", "false");
        // No stack trace and no serialized exception, whatever a request asks for.
        settings.put("allowErrorDetails", "false");
        settings.put("includeStackTrace", "false");
        settings.put("serializeException", "false");
        settings.put("debug", "false");
        settings.put("policyLocation", policyUrl());
        settings.put("restrictorClass", JolokiaRestrictor.class.getName());
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
