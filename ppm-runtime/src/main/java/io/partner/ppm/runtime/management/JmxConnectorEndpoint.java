package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.config.JmxConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.rmi.AlreadyBoundException;
import java.rmi.NoSuchObjectException;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.ExportException;
import java.rmi.server.UnicastRemoteObject;
import java.util.HashMap;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.remote.JMXConnectorServer;
import javax.management.remote.JMXServiceURL;
import javax.management.remote.rmi.RMIConnectorServer;
import javax.management.remote.rmi.RMIJRMPServerImpl;

/**
 * The JMX RMI connector on one fixed port: the RMI registry and the connector share the port (one
 * {@link HostServerSocketFactory}), so clients connect to
 * {@code service:jmx:rmi://HOST:PORT/jndi/rmi://HOST:PORT/jmxrmi} and nothing else needs to be reachable.
 *
 * <p>The stub is bound in the registry directly (no JNDI), arguments are filtered by
 * {@link OpenTypesFilter}, calls are bounded in size by {@link HostServerSocketFactory}, and
 * {@link JmxAccess} decides who may read and who may control: the runtime file's credential, the
 * users of {@code daemon.auth}, and those of the JDK password and access files when configured.
 */
final class JmxConnectorEndpoint implements AutoCloseable {

    private static final String BINDING = "jmxrmi";

    private final Registry registry;
    private final RMIConnectorServer connector;
    private final String url;

    private JmxConnectorEndpoint(Registry registry, RMIConnectorServer connector, String url) {
        this.registry = registry;
        this.connector = connector;
        this.url = url;
    }

    static JmxConnectorEndpoint start(MBeanServer server, JmxConfig config, ControlCredentials credentials)
            throws IOException {
        InetAddress address = InetAddress.getByName(config.host());
        int port = config.port() == 0 ? FreePort.find(address) : config.port();
        advertise(address, config.host());
        HostServerSocketFactory sockets = new HostServerSocketFactory(address);
        // Readers need no credentials on loopback, unless a password file asks for them for everything.
        JmxAccess access = JmxAccess.of(JdkPasswordFiles.addTo(credentials, config.passwordFile(), config.accessFile()),
                address.isLoopbackAddress() && config.passwordFile() == null);
        Map<String, Object> env = environment(sockets, access);

        Registry registry = createRegistry(port, sockets, config);
        try {
            RMIJRMPServerImpl rmiServer = new RMIJRMPServerImpl(port, null, sockets, env);
            String host = urlHost(config.host());
            RMIConnectorServer connector = new RMIConnectorServer(
                    new JMXServiceURL("service:jmx:rmi://" + host + ":" + port), env, rmiServer, server);
            connector.setMBeanServerForwarder(access.forwarder());
            connector.start();
            registry.bind(BINDING, rmiServer.toStub());
            String url = "service:jmx:rmi://" + host + ":" + port + "/jndi/rmi://" + host + ":" + port + "/" + BINDING;
            return new JmxConnectorEndpoint(registry, connector, url);
        } catch (IOException | AlreadyBoundException | RuntimeException e) {
            unexport(registry);
            throw e instanceof IOException io ? io : new IOException("JMX connector on " + config.host() + ":" + port + ": " + e.getMessage(), e);
        }
    }

    /** The URL JConsole, VisualVM and {@code ppm --url} connect to. */
    String url() {
        return url;
    }

    @Override
    public void close() throws IOException {
        try {
            connector.stop();
        } finally {
            try {
                registry.unbind(BINDING);
            } catch (Exception alreadyGone) {
                // Unbinding only speeds up clients' failure; the registry goes away below anyway.
            }
            unexport(registry);
        }
    }

    private static Registry createRegistry(int port, HostServerSocketFactory sockets, JmxConfig config) throws IOException {
        try {
            return LocateRegistry.createRegistry(port, null, sockets);
        } catch (ExportException e) {
            throw new IOException("JMX port " + config.host() + ":" + port + " is not available: "
                    + JdkExceptions.oneLine(e.getCause() == null ? e : e.getCause())
                    + " (set daemon.jmx.port, or daemon.jmx.enabled: false)", e);
        }
    }

    private static Map<String, Object> environment(HostServerSocketFactory sockets, JmxAccess access) {
        Map<String, Object> env = new HashMap<>();
        env.put(RMIConnectorServer.RMI_SERVER_SOCKET_FACTORY_ATTRIBUTE, sockets);
        env.put(RMIConnectorServer.SERIAL_FILTER_PATTERN, OpenTypesFilter.PATTERN);
        env.put(RMIConnectorServer.CREDENTIALS_FILTER_PATTERN, OpenTypesFilter.CREDENTIALS_PATTERN);
        env.put(JMXConnectorServer.AUTHENTICATOR, access);
        return env;
    }

    /**
     * RMI stubs carry the host name clients must call back. Without this they carry the machine's
     * own address, which a client outside a container (or on loopback) cannot reach.
     */
    private static void advertise(InetAddress address, String host) {
        if (System.getProperty("java.rmi.server.hostname") == null && !address.isAnyLocalAddress()) {
            System.setProperty("java.rmi.server.hostname", host);
        }
    }

    private static String urlHost(String host) {
        return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    }

    private static void unexport(Registry registry) {
        try {
            UnicastRemoteObject.unexportObject(registry, true);
        } catch (NoSuchObjectException alreadyUnexported) {
            // Nothing left to release.
        }
    }
}
