package io.partner.ppm.cli.client;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.DaemonStatus;
import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.management.ServiceMXBean;
import io.partner.ppm.cli.CliException;
import java.io.IOException;
import java.lang.reflect.UndeclaredThrowableException;
import java.net.MalformedURLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.management.InstanceNotFoundException;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/** Talks to the daemon over its JMX RMI connector, through MXBean proxies of the ppm-api interfaces. */
public final class JmxDaemonClient implements DaemonClient {

    private final String url;
    private final JMXConnector connector;
    private final MBeanServerConnection connection;
    private final DaemonMXBean daemon;

    private JmxDaemonClient(String url, JMXConnector connector, MBeanServerConnection connection) {
        this.url = url;
        this.connector = connector;
        this.connection = connection;
        this.daemon = JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class);
    }

    /** Connects; user and password are sent when a user is given. */
    public static JmxDaemonClient connect(String url, String user, String password) {
        JMXServiceURL serviceUrl;
        try {
            serviceUrl = new JMXServiceURL(url);
        } catch (MalformedURLException e) {
            throw new CliException.Usage("--url " + url + " is not a JMX service URL: " + e.getMessage());
        }
        Map<String, Object> env = new HashMap<>();
        if (user != null) {
            env.put(JMXConnector.CREDENTIALS, new String[] {user, password == null ? "" : password});
        }
        try {
            JMXConnector connector = JMXConnectorFactory.connect(serviceUrl, env);
            return new JmxDaemonClient(url, connector, connector.getMBeanServerConnection());
        } catch (SecurityException e) {
            throw new CliException.OperationFailed("the daemon at " + url + " refused the credentials: " + e.getMessage());
        } catch (IOException e) {
            throw Endpoints.unreachable(url, e);
        }
    }

    @Override
    public String url() {
        return url;
    }

    @Override
    public DaemonStatus status() {
        return call(null, daemon::getStatus);
    }

    @Override
    public List<ServiceInfo> services() {
        return call(null, daemon::getServices);
    }

    @Override
    public ServiceInfo service(String name) {
        return onService(name, ServiceMXBean::getInfo);
    }

    @Override
    public DaemonStats daemonStats() {
        return call(null, daemon::getDaemonStats);
    }

    @Override
    public ContainerStats containerStats() {
        return call(null, daemon::getContainerStats);
    }

    @Override
    public ServiceHistory history(String name) {
        return onService(name, ServiceMXBean::getHistory);
    }

    @Override
    public void sample() {
        call(null, () -> run(daemon::sample));
    }

    @Override
    public void start(String name) {
        onService(name, s -> run(s::start));
    }

    @Override
    public void stop(String name) {
        onService(name, s -> run(s::stop));
    }

    @Override
    public void restart(String name) {
        onService(name, s -> run(s::restart));
    }

    @Override
    public void pause(String name) {
        onService(name, s -> run(s::pause));
    }

    @Override
    public void resume(String name) {
        onService(name, s -> run(s::resume));
    }

    @Override
    public void signal(String name, String signal) {
        onService(name, s -> run(() -> s.signal(signal)));
    }

    @Override
    public String addService(String definition) {
        return call(null, () -> daemon.addService(definition));
    }

    @Override
    public void removeService(String name) {
        call(name, () -> run(() -> daemon.removeService(name)));
    }

    @Override
    public void reload() {
        call(null, () -> run(daemon::reload));
    }

    @Override
    public List<String> stopAll() {
        return call(null, daemon::stopAll);
    }

    @Override
    public void shutdown() {
        call(null, () -> run(daemon::shutdown));
    }

    @Override
    public String configuration() {
        return call(null, daemon::configuration);
    }

    @Override
    public List<PluginInfo> plugins() {
        return call(null, daemon::getPlugins);
    }

    @Override
    public List<LogEntry> logs(String service, long afterSeq, int max) {
        return call(service, () -> daemon.logs(service, afterSeq, max));
    }

    @Override
    public List<LogEntry> tail(String service, int lines) {
        return call(service, () -> daemon.tail(service, lines));
    }

    @Override
    public List<LogEntry> logsSince(long sinceMillis, int max) {
        return call(null, () -> daemon.logsSince(sinceMillis, max));
    }

    @Override
    public void close() {
        try {
            connector.close();
        } catch (IOException ignored) {
            // The daemon may already be gone (e.g. after shutdown): nothing to release on our side.
        }
    }

    private <T> T onService(String name, Function<ServiceMXBean, T> operation) {
        return call(name, () -> {
            ServiceMXBean service = JMX.newMXBeanProxy(connection, ObjectNames.service(name), ServiceMXBean.class);
            return operation.apply(service);
        });
    }

    private static Object run(Runnable operation) {
        operation.run();
        return null;
    }

    /** Runs a proxy call and turns JMX's ways of failing into the command line's. */
    private <T> T call(String service, Supplier<T> operation) {
        try {
            return operation.get();
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new CliException.OperationFailed(e.getMessage());
        } catch (SecurityException e) {
            throw new CliException.OperationFailed("the daemon at " + url + " refused: " + e.getMessage());
        } catch (UndeclaredThrowableException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InstanceNotFoundException) {
                throw new CliException.OperationFailed(
                        service == null ? "the daemon at " + url + " has no PPM MBeans" : "unknown service '" + service + "'");
            }
            if (cause instanceof IOException io) {
                throw Endpoints.unreachable(url, io);
            }
            throw new CliException.OperationFailed(String.valueOf(cause == null ? e : cause.getMessage()));
        }
    }
}
