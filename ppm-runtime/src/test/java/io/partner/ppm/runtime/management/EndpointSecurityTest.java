package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.ServiceMXBean;
import io.partner.ppm.runtime.config.JmxConfig;
import io.partner.ppm.runtime.config.JolokiaConfig;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.management.JMX;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EndpointSecurityTest {

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();

    @Test
    void bothEndpointsListenOnlyOnLoopbackByDefault() throws Exception {
        JmxConfig jmx = TestEndpoints.jmx();
        JolokiaConfig jolokia = TestEndpoints.jolokia();
        try (ManagementServer server = ManagementServer.start(daemon, jmx, jolokia, dir.resolve("daemon.json"))) {
            assertThat(listeningAddresses(jmx.port())).containsOnly("0100007F");
            assertThat(listeningAddresses(jolokia.port())).containsOnly("0100007F");
            assertThat(server.jolokiaUrl()).contains("http://127.0.0.1:" + jolokia.port() + "/jolokia/");
        }
    }

    @Test
    void aNonLoopbackAddressWithoutAuthenticationRefusesToStartAndLeavesNothingBehind() throws Exception {
        JmxConfig openJmx = new JmxConfig(true, "0.0.0.0", TestEndpoints.freePort(), null, null);
        JolokiaConfig openJolokia = new JolokiaConfig(true, "0.0.0.0", TestEndpoints.freePort(), null, null, null, null);

        assertThatThrownBy(() -> ManagementServer.start(daemon, openJmx, TestEndpoints.jolokiaOff(), dir.resolve("a.json")))
                .isInstanceOf(IOException.class)
                .hasMessage("daemon.jmx.host 0.0.0.0 is not a loopback address: set daemon.jmx.password_file and "
                        + "daemon.jmx.access_file, or use 127.0.0.1");
        assertThatThrownBy(() -> ManagementServer.start(daemon, TestEndpoints.jmxOff(), openJolokia, dir.resolve("b.json")))
                .isInstanceOf(IOException.class)
                .hasMessage("daemon.jolokia.host 0.0.0.0 is not a loopback address: set daemon.jolokia.user and "
                        + "daemon.jolokia.password, or use 127.0.0.1");
        assertThat(ManagementFactory.getPlatformMBeanServer().queryNames(new ObjectName("ppm:*"), null)).isEmpty();
        assertThat(dir.resolve("a.json")).doesNotExist();
        assertThat(listeningAddresses(openJmx.port())).isEmpty();
    }

    @Test
    void aRuntimeFileFolderOthersCanWriteToStopsTheStart() throws Exception {
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> ManagementServer.start(daemon, TestEndpoints.jmxOff(), TestEndpoints.jolokiaOff(),
                open.resolve("daemon.json")))
                .isInstanceOf(IOException.class)
                .hasMessage("runtime file folder " + open + " is writable by other users (mode 777): chmod go-w it, "
                        + "or set PPM_RUNTIME_FILE");
        assertThat(open.resolve("daemon.json")).doesNotExist();
    }

    @Test
    void aTakenPortIsOneClearLine() throws Exception {
        JmxConfig jmx = TestEndpoints.jmx();
        try (ManagementServer first = ManagementServer.start(daemon, jmx, TestEndpoints.jolokiaOff(), dir.resolve("a.json"))) {
            assertThatThrownBy(() -> ManagementServer.start(new InMemoryDaemon(), jmx, TestEndpoints.jolokiaOff(),
                    dir.resolve("b.json")))
                    .isInstanceOf(IOException.class)
                    .hasMessageStartingWith("JMX port 127.0.0.1:" + jmx.port() + " is not available")
                    .hasMessageNotContaining("\n");
            assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(ObjectNames.daemon())).isFalse();
        }
    }

    @Test
    void jmxPasswordAndAccessFilesAreEnforced() throws Exception {
        daemon.add(ServiceSpec.of("web", List.of("sleep", "100")));
        Path passwords = Files.writeString(dir.resolve("jmx.password"), "reader r3ad\nadmin s3cret\n");
        Files.setPosixFilePermissions(passwords, PosixFilePermissions.fromString("rw-------"));
        Path access = Files.writeString(dir.resolve("jmx.access"), "reader readonly\nadmin readwrite\n");
        JmxConfig jmx = new JmxConfig(true, "127.0.0.1", TestEndpoints.freePort(), passwords.toString(), access.toString());

        try (ManagementServer server = ManagementServer.start(daemon, jmx, TestEndpoints.jolokiaOff(), dir.resolve("d.json"))) {
            JMXServiceURL url = new JMXServiceURL(server.jmxUrl().orElseThrow());
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url)).isInstanceOf(SecurityException.class);
            assertThatThrownBy(() -> JMXConnectorFactory.connect(url, credentials("admin", "wrong")))
                    .isInstanceOf(SecurityException.class);

            try (JMXConnector reader = JMXConnectorFactory.connect(url, credentials("reader", "r3ad"))) {
                var connection = reader.getMBeanServerConnection();
                assertThat(JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class).getServiceCount()).isEqualTo(1);
                ServiceMXBean web = JMX.newMXBeanProxy(connection, ObjectNames.service("web"), ServiceMXBean.class);
                assertThatThrownBy(web::stop).isInstanceOf(SecurityException.class);
            }
            try (JMXConnector admin = JMXConnectorFactory.connect(url, credentials("admin", "s3cret"))) {
                JMX.newMXBeanProxy(admin.getMBeanServerConnection(), ObjectNames.service("web"), ServiceMXBean.class).stop();
            }
            assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Finished");
        }
    }

    private static Map<String, ?> credentials(String user, String password) {
        return Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
    }

    /** The local IPv4 addresses (hex, as in /proc/net/tcp: 0100007F is 127.0.0.1) listening on this port. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(Locale.ROOT, "%04X", port);
        List<String> addresses = new java.util.ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            Path file = Path.of(table);
            if (!Files.exists(file)) {
                continue;
            }
            for (String line : Files.readAllLines(file).subList(1, Files.readAllLines(file).size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(hexPort) && fields[3].equals("0A")) {
                    // An IPv4 address on a dual-stack socket shows as ::ffff:a.b.c.d.
                    addresses.add(local[0].startsWith("0000000000000000FFFF0000") ? local[0].substring(24) : local[0]);
                }
            }
        }
        return addresses;
    }
}
