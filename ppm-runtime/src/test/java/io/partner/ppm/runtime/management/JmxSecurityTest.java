package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.ServiceMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.management.Attribute;
import javax.management.JMX;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JMX connector's access rules and size limits, with real RMI round trips. */
class JmxSecurityTest {

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();
    private ManagementServer server;
    private JMXServiceURL url;

    @BeforeEach
    void start() throws Exception {
        daemon.add(ServiceSpec.of("web", List.of("sleep", "1000")));
        server = ManagementServer.start(daemon, TestEndpoints.jmx(), TestEndpoints.jolokiaOff(), dir.resolve("daemon.json"));
        url = new JMXServiceURL(server.jmxUrl().orElseThrow());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void withoutCredentialsReadingWorksAndControlIsRefused() throws Exception {
        try (JMXConnector anonymous = JMXConnectorFactory.connect(url)) {
            MBeanServerConnection connection = anonymous.getMBeanServerConnection();
            DaemonMXBean daemonBean = JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class);
            ServiceMXBean web = JMX.newMXBeanProxy(connection, ObjectNames.service("web"), ServiceMXBean.class);

            assertThat(daemonBean.getServices()).extracting(s -> s.name()).containsExactly("web");
            assertThat(web.getState()).isEqualTo("Running");
            daemonBean.sample();

            assertThatThrownBy(web::stop).isInstanceOf(SecurityException.class).hasMessageContaining("control needs credentials");
            assertThatThrownBy(() -> web.signal("KILL")).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> daemonBean.addService("{name: evil, command: [id]}")).isInstanceOf(SecurityException.class);
            assertThatThrownBy(daemonBean::configuration).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> connection.setAttribute(new ObjectName("java.lang:type=Memory"),
                    new Attribute("Verbose", true))).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> connection.invoke(new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "vmVersion", new Object[] {null}, new String[] {String[].class.getName()}))
                    .isInstanceOf(SecurityException.class);
        }
        assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Running");
        assertThat(daemon.service("evil")).isEmpty();
    }

    @Test
    void theOwnersCredentialControlsAndAWrongOneIsRefused() throws Exception {
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"ppm", "guess"})))
                .isInstanceOf(SecurityException.class).hasMessageContaining("wrong user or password");

        try (JMXConnector owner = JMXConnectorFactory.connect(url, TestEndpoints.ownerEnvironment(server.runtimeFile()))) {
            JMX.newMXBeanProxy(owner.getMBeanServerConnection(), ObjectNames.service("web"), ServiceMXBean.class).stop();
        }
        assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Finished");
    }

    @Test
    void usersOfDaemonAuthControlFromTheConfigurationOrTheirFile() throws Exception {
        server.close();
        String password = "s3cret";
        String hash = "sha256:" + java.util.HexFormat.of().formatHex(ControlCredentials.sha256(password));
        Path users = java.nio.file.Files.writeString(dir.resolve("users"), "# operators\nlee " + hash + "\n");
        server = ManagementServer.start(daemon, TestEndpoints.jmx(), TestEndpoints.jolokiaOff(),
                new io.partner.ppm.runtime.config.AuthConfig(Map.of("ops", hash), users.toString()), dir.resolve("daemon.json"));
        url = new JMXServiceURL(server.jmxUrl().orElseThrow());

        for (String user : List.of("ops", "lee")) {
            try (JMXConnector c = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {user, password}))) {
                ServiceMXBean web = JMX.newMXBeanProxy(c.getMBeanServerConnection(), ObjectNames.service("web"), ServiceMXBean.class);
                web.restart();
                web.stop();
            }
            assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Finished");
        }
        assertThatThrownBy(() -> JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS, new String[] {"ops", "nope"})))
                .isInstanceOf(SecurityException.class);
    }

    @Test
    void operationParametersHaveNamesAndDescriptions() throws Exception {
        try (JMXConnector anonymous = JMXConnectorFactory.connect(url)) {
            MBeanOperationInfo signal = operation(anonymous.getMBeanServerConnection(), ObjectNames.service("web"), "signal");
            MBeanParameterInfo parameter = signal.getSignature()[0];
            assertThat(parameter.getName()).isEqualTo("name");
            assertThat(parameter.getDescription()).contains("signal name");
            assertThat(signal.getDescription()).contains("signal");

            MBeanOperationInfo logs = operation(anonymous.getMBeanServerConnection(), ObjectNames.daemon(), "logs");
            assertThat(Arrays.stream(logs.getSignature()).map(MBeanParameterInfo::getName))
                    .containsExactly("service", "afterSeq", "max");
        }
    }

    @Test
    void tooLargeArgumentsAreRefusedAndTheDaemonGoesOn() throws Exception {
        String twoMegabytes = "x".repeat(2 * 1024 * 1024);
        try (JMXConnector owner = JMXConnectorFactory.connect(url, TestEndpoints.ownerEnvironment(server.runtimeFile()))) {
            DaemonMXBean daemonBean = JMX.newMXBeanProxy(owner.getMBeanServerConnection(), ObjectNames.daemon(), DaemonMXBean.class);
            // An argument travels as a byte array: the deserialization filter refuses it by its length,
            // unless the size limit on the wire has closed the connection first.
            assertThatThrownBy(() -> daemonBean.addService(twoMegabytes)).rootCause()
                    .isInstanceOfAny(java.io.InvalidClassException.class, java.net.SocketException.class);
        }
        try (JMXConnector owner = JMXConnectorFactory.connect(url, TestEndpoints.ownerEnvironment(server.runtimeFile()))) {
            // An operation name is a plain string, which no filter sees: the size limit on the wire closes the connection.
            assertThatThrownBy(() -> owner.getMBeanServerConnection().invoke(ObjectNames.daemon(), twoMegabytes, null, null))
                    .isInstanceOf(java.io.IOException.class);
        }

        // Twelve clients at once with 8 MB each: each loses its connection, the daemon's heap does not fill.
        String eightMegabytes = "y".repeat(8 * 1024 * 1024);
        ExecutorService clients = Executors.newFixedThreadPool(12);
        try {
            List<Future<Throwable>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(clients.submit(() -> {
                    try (JMXConnector c = JMXConnectorFactory.connect(url, TestEndpoints.ownerEnvironment(server.runtimeFile()))) {
                        c.getMBeanServerConnection().invoke(ObjectNames.daemon(), "addService",
                                new Object[] {eightMegabytes}, new String[] {String.class.getName()});
                        return null;
                    } catch (Exception | Error e) {
                        return e;
                    }
                }));
            }
            for (Future<Throwable> call : calls) {
                assertThat(call.get()).isInstanceOf(java.io.IOException.class);
            }
        } finally {
            clients.shutdownNow();
        }

        try (JMXConnector owner = JMXConnectorFactory.connect(url, TestEndpoints.ownerEnvironment(server.runtimeFile()))) {
            DaemonMXBean daemonBean = JMX.newMXBeanProxy(owner.getMBeanServerConnection(), ObjectNames.daemon(), DaemonMXBean.class);
            assertThat(daemonBean.addService("{name: fine, command: [sleep, '100']}")).isEqualTo("fine");
            assertThat(daemonBean.getServiceCount()).isEqualTo(2);
        }
    }

    private static MBeanOperationInfo operation(MBeanServerConnection connection, ObjectName name, String operation)
            throws Exception {
        return Arrays.stream(connection.getMBeanInfo(name).getOperations())
                .filter(o -> o.getName().equals(operation)).findFirst().orElseThrow();
    }
}
