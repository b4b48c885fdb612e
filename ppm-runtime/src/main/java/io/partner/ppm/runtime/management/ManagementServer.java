package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.DaemonEndpoints;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.runtime.DaemonControl;
import io.partner.ppm.runtime.config.AuthConfig;
import io.partner.ppm.runtime.config.JmxConfig;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.management.JMException;
import javax.management.MBeanServer;

/**
 * The daemon's management side: its MBeans in the platform MBean server ({@code ppm:type=Daemon},
 * one {@code ppm:type=Service,name=X} per service kept in step with the daemon's events, one
 * {@code ppm:type=Plugin,name=ID} per plugin), the JMX RMI connector, the embedded Jolokia agent and
 * the runtime file through which the {@code ppm} command finds them.
 *
 * <p>Start it once the daemon's {@link DaemonControl} works; {@link #close()} undoes everything it did.
 */
public final class ManagementServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ManagementServer.class.getName());

    private final MBeanRegistry registry;
    private final List<AutoCloseable> parts = new ArrayList<>();
    private JmxConnectorEndpoint jmx;
    private JolokiaEndpoint jolokia;
    private RuntimeFile runtimeFile;

    private ManagementServer(MBeanServer server) {
        this.registry = new MBeanRegistry(server);
    }

    /**
     * Registers the MBeans, starts the endpoints the configuration enables and writes the runtime
     * file at {@link RuntimeFile#defaultPath()}.
     *
     * @throws IOException with a one-line message when an endpoint cannot start (port taken, a
     *     non-loopback address without authentication, ...); nothing is left behind
     */
    public static ManagementServer start(DaemonControl control, JmxConfig jmx, JolokiaConfig jolokia) throws IOException {
        return start(control, jmx, jolokia, RuntimeFile.defaultPath());
    }

    /** As {@link #start(DaemonControl, JmxConfig, JolokiaConfig)}, with the runtime file at {@code runtimeFile}. */
    public static ManagementServer start(DaemonControl control, JmxConfig jmx, JolokiaConfig jolokia, Path runtimeFile)
            throws IOException {
        return start(control, jmx, jolokia, AuthConfig.NONE, runtimeFile);
    }

    /**
     * As {@link #start(DaemonControl, JmxConfig, JolokiaConfig, Path)}, with the users of
     * {@code daemon.auth} allowed to control the daemon besides the runtime file's fresh credential.
     */
    public static ManagementServer start(DaemonControl control, JmxConfig jmx, JolokiaConfig jolokia, AuthConfig auth,
            Path runtimeFile) throws IOException {
        EndpointSecurity.check(jmx, jolokia);
        ControlCredentials credentials = ControlCredentials.create(auth);
        ManagementServer management = new ManagementServer(ManagementFactory.getPlatformMBeanServer());
        try {
            management.registerMBeans(control);
            management.startEndpoints(control, jmx, jolokia, credentials);
            management.runtimeFile = RuntimeFile.write(runtimeFile, management.endpoints(control, credentials));
            return management;
        } catch (IOException | RuntimeException e) {
            management.close();
            throw e;
        } catch (JMException e) {
            management.close();
            throw new IOException("cannot register PPM's MBeans: " + JdkExceptions.oneLine(e), e);
        }
    }

    /** The JMX service URL, when the RMI connector runs. */
    public Optional<String> jmxUrl() {
        return Optional.ofNullable(jmx).map(JmxConnectorEndpoint::url);
    }

    /** The Jolokia base URL, when Jolokia runs. */
    public Optional<String> jolokiaUrl() {
        return Optional.ofNullable(jolokia).map(JolokiaEndpoint::url);
    }

    /** The runtime file written. */
    public Path runtimeFile() {
        return runtimeFile.path();
    }

    private void registerMBeans(DaemonControl control) throws JMException {
        PluginMBeans plugins = new PluginMBeans(control, registry);
        registry.register(DescribedMBeans.of(new DaemonMBean(control, plugins::syncQuietly),
                DaemonMXBean.class), ObjectNames.daemon());
        ServiceMBeans services = new ServiceMBeans(control, registry);
        parts.add(services);
        services.start();
        parts.add(plugins);
        plugins.start();
    }

    private void startEndpoints(DaemonControl control, JmxConfig jmxConfig, JolokiaConfig jolokiaConfig,
            ControlCredentials credentials) throws IOException {
        if (jmxConfig != null && jmxConfig.enabled()) {
            jmx = JmxConnectorEndpoint.start(registry.server(), jmxConfig, credentials);
        }
        if (jolokiaConfig != null && jolokiaConfig.enabled()) {
            jolokia = JolokiaEndpoint.start(jolokiaConfig, control.pid(), credentials);
        }
    }

    private DaemonEndpoints endpoints(DaemonControl control, ControlCredentials credentials) {
        return new DaemonEndpoints(control.pid(), control.version(), control.startedAt(),
                jmxUrl().orElse(null), jolokiaUrl().orElse(null), ControlCredentials.OWNER, credentials.ownerPassword());
    }

    /**
     * Deletes the runtime file, stops the endpoints, stops following events and unregisters every
     * MBean it registered. Failures are logged and do not stop the rest of the clean-up.
     */
    @Override
    public void close() {
        List<Exception> failures = new ArrayList<>();
        if (runtimeFile != null) {
            attempt(runtimeFile::delete, failures);
        }
        if (jolokia != null) {
            attempt(jolokia::close, failures);
        }
        if (jmx != null) {
            attempt(jmx::close, failures);
        }
        for (AutoCloseable part : parts) {
            attempt(part::close, failures);
        }
        attempt(registry::unregisterAll, failures);
        for (Exception failure : failures) {
            LOG.log(System.Logger.Level.WARNING, "management clean-up: " + JdkExceptions.oneLine(failure), failure);
        }
    }

    private static void attempt(AutoCloseable step, List<Exception> failures) {
        try {
            step.close();
        } catch (Exception e) {
            failures.add(e);
        }
    }
}
