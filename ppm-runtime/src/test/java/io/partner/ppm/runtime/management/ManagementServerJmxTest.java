package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.management.PluginMXBean;
import io.partner.ppm.api.management.ServiceMXBean;
import io.partner.ppm.runtime.config.JmxConfig;
import io.partner.ppm.runtime.logs.LogLine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManagementServerJmxTest {

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();
    private JmxConfig jmx;
    private ManagementServer server;
    private JMXConnector connector;
    private MBeanServerConnection connection;

    @BeforeEach
    void start() throws Exception {
        daemon.add(ServiceSpec.of("web", List.of("python3", "-m", "http.server")));
        daemon.add(ServiceSpec.of("worker", List.of("sleep", "1000")));
        jmx = TestEndpoints.jmx();
        server = ManagementServer.start(daemon, jmx, TestEndpoints.jolokiaOff(), dir.resolve("daemon.json"));
        connector = JMXConnectorFactory.connect(new JMXServiceURL(server.jmxUrl().orElseThrow()),
                TestEndpoints.ownerEnvironment(server.runtimeFile()));
        connection = connector.getMBeanServerConnection();
    }

    @AfterEach
    void stop() throws Exception {
        if (connector != null) {
            connector.close();
        }
        server.close();
    }

    private DaemonMXBean daemonProxy() {
        return JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class);
    }

    private ServiceMXBean serviceProxy(String name) {
        return JMX.newMXBeanProxy(connection, ObjectNames.service(name), ServiceMXBean.class, true);
    }

    @Test
    void connectorUrlUsesOneFixedPortForRegistryAndConnector() throws Exception {
        String port = Integer.toString(jmx.port());
        assertThat(server.jmxUrl()).contains(
                "service:jmx:rmi://127.0.0.1:" + port + "/jndi/rmi://127.0.0.1:" + port + "/jmxrmi");
        Object stub = LocateRegistry.getRegistry("127.0.0.1", jmx.port()).lookup("jmxrmi");
        assertThat(stub.toString()).contains("127.0.0.1:" + port);
    }

    @Test
    void bulkServicesAttributeRoundTripsTheRecordsOfEveryService() {
        List<ServiceInfo> services = daemonProxy().getServices();

        assertThat(services).extracting(ServiceInfo::name).containsExactly("web", "worker");
        assertThat(services).isEqualTo(daemon.services());
        assertThat(daemonProxy().getStatus().running()).isEqualTo(2);
        assertThat(daemonProxy().getRunningCount()).isEqualTo(2);
        assertThat(daemonProxy().getPid()).isEqualTo(ProcessHandle.current().pid());
    }

    @Test
    void serviceMBeanReflectsTheServiceAndItsOperationsDriveIt() {
        ServiceMXBean web = serviceProxy("web");
        assertThat(web.getState()).isEqualTo("Running");
        assertThat(web.getInfo()).isEqualTo(daemon.service("web").orElseThrow());

        web.stop();
        assertThat(web.getState()).isEqualTo("Finished");
        web.start();
        web.pause();
        assertThat(web.getState()).isEqualTo("Stopped");
        web.resume();
        assertThat(web.getState()).isEqualTo("Running");
        web.signal("SIGKILL");
        assertThat(web.getState()).isEqualTo("Crashed");
        assertThat(web.getSignal()).isEqualTo("KILL");
    }

    @Test
    void serviceMBeansFollowServicesAddedAndRemoved() throws Exception {
        String name = daemonProxy().addService("{\"name\": \"extra\", \"command\": [\"sleep\", \"5\"]}");

        assertThat(name).isEqualTo("extra");
        assertThat(connection.isRegistered(ObjectNames.service("extra"))).isTrue();
        assertThat(connection.queryNames(ObjectNames.pattern(ObjectNames.SERVICES), null)).hasSize(3);

        daemonProxy().removeService("extra");
        assertThat(connection.isRegistered(ObjectNames.service("extra"))).isFalse();
        assertThat(daemon.service("extra")).isEmpty();
    }

    @Test
    void everyStateChangeIsAnAttributeChangeNotification() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        connection.addNotificationListener(ObjectNames.service("web"), (n, handback) -> received.add(n), null, null);

        serviceProxy("web").stop();
        serviceProxy("web").start();

        AttributeChangeNotification stopped = (AttributeChangeNotification) received.poll(20, TimeUnit.SECONDS);
        assertThat(stopped).isNotNull();
        assertThat(stopped.getAttributeName()).isEqualTo("State");
        assertThat(stopped.getOldValue()).isEqualTo("Running");
        assertThat(stopped.getNewValue()).isEqualTo("Finished");
        assertThat(stopped.getSource()).isEqualTo(ObjectNames.service("web"));
        AttributeChangeNotification started = (AttributeChangeNotification) received.poll(20, TimeUnit.SECONDS);
        assertThat(started.getNewValue()).isEqualTo("Running");
    }

    @Test
    void restartsAndGivingUpAreNotifiedWithTheirOwnTypes() throws Exception {
        BlockingQueue<String> types = new LinkedBlockingQueue<>();
        connection.addNotificationListener(ObjectNames.service("worker"), (n, handback) -> types.add(n.getType()), null, null);

        daemon.crashAndRestart("worker");
        daemon.crashAndGiveUp("worker");

        await().atMost(Duration.ofSeconds(20)).until(() -> types.contains(ServiceMXBean.GAVE_UP));
        assertThat(types).containsSubsequence(ServiceMXBean.RESTARTED, ServiceMXBean.GAVE_UP);
        assertThat(serviceProxy("worker").isGaveUp()).isTrue();
    }

    @Test
    void badInputIsRefusedWithOneLineJdkExceptionsAndChangesNothing() {
        DaemonMXBean proxy = daemonProxy();
        List<ServiceInfo> before = daemon.services();

        assertThatThrownBy(() -> proxy.removeService("no such"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("invalid service name 'no such'");
        assertThatThrownBy(() -> proxy.removeService("ghost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown service 'ghost'");
        assertThatThrownBy(() -> proxy.addService("{\"name\": \"bad name\", \"command\": [\"x\"]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid service name 'bad name'");
        assertThatThrownBy(() -> proxy.addService("{\"name\": \"empty\", \"command\": []}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("empty command");
        assertThatThrownBy(() -> proxy.addService(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("empty service definition");
        assertThatThrownBy(() -> proxy.addService("{\"name\": \"web\", \"command\": [\"x\"]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("already exists");
        assertThatThrownBy(() -> serviceProxy("web").signal("SIGBOGUS"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown signal 'SIGBOGUS'")
                .hasNoCause();
        assertThatThrownBy(() -> serviceProxy("web").start())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("already running");
        assertThatThrownBy(() -> proxy.logs("ghost", 0, 10))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown service 'ghost'");

        assertThat(daemon.services()).isEqualTo(before);
    }

    @Test
    void logsCanBeTailedAndFollowedBySequenceNumber() {
        daemon.write("web", LogLine.Stream.STDOUT, "one");
        daemon.write("web", LogLine.Stream.STDERR, "two");
        daemon.write("worker", LogLine.Stream.STDOUT, "three");
        DaemonMXBean proxy = daemonProxy();

        assertThat(proxy.tail("web", 1)).extracting(LogEntry::text).containsExactly("two");
        assertThat(proxy.tail("", 10)).extracting(LogEntry::text).containsExactlyInAnyOrder("one", "two", "three");
        List<LogEntry> first = proxy.logs("web", 0, 1);
        assertThat(first).extracting(LogEntry::text).containsExactly("one");
        List<LogEntry> next = proxy.logs("web", first.getLast().seq(), 10);
        assertThat(next).singleElement().satisfies(e -> {
            assertThat(e.text()).isEqualTo("two");
            assertThat(e.isStderr()).isTrue();
        });
        assertThat(proxy.logsSince(0, 100)).hasSize(3);
    }

    @Test
    void pluginMBeansFollowThePluginsTheDaemonReports() throws Exception {
        daemon.setPlugins(List.of(new PluginInfo("ppm-cron", "1.0", "STARTED", List.of("x.Cron"), null, "/p/cron.jar")));

        PluginMXBean cron = JMX.newMXBeanProxy(connection, ObjectNames.plugin("ppm-cron"), PluginMXBean.class);
        assertThat(cron.getVersion()).isEqualTo("1.0");
        assertThat(cron.getInfo().extensions()).containsExactly("x.Cron");
        assertThat(daemonProxy().getPlugins()).extracting(PluginInfo::id).containsExactly("ppm-cron");

        daemon.setPlugins(List.of());
        assertThat(connection.isRegistered(ObjectNames.plugin("ppm-cron"))).isFalse();
    }

    @Test
    void readingThePluginsCatchesUpWithChangesTheDaemonDidNotReport() throws Exception {
        daemon.setPluginsQuietly(List.of(new PluginInfo("ppm-notify", "1.0", "STARTED", List.of(), null, "/p/notify.jar")));
        assertThat(connection.isRegistered(ObjectNames.plugin("ppm-notify"))).isFalse();

        assertThat(daemonProxy().getPlugins()).extracting(PluginInfo::id).containsExactly("ppm-notify");

        assertThat(connection.isRegistered(ObjectNames.plugin("ppm-notify"))).isTrue();
    }

    @Test
    void anArgumentThatIsNoOpenTypeIsRejectedBeforeItIsBuilt() throws Exception {
        AtomicInteger notAnOpenType = new AtomicInteger(7);

        assertThatThrownBy(() -> connection.invoke(ObjectNames.daemon(), "removeService",
                new Object[] {notAnOpenType}, new String[] {String.class.getName()}))
                .hasStackTraceContaining("REJECTED");
        assertThatThrownBy(() -> connection.invoke(ObjectNames.daemon(), "removeService",
                new Object[] {"ghost"}, new String[] {String.class.getName()}))
                .hasStackTraceContaining("unknown service 'ghost'");
    }

    @Test
    void runtimeFileTellsWhereTheDaemonIsAndOnlyItsOwnerCanReadIt() throws Exception {
        Path file = server.runtimeFile();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        Map<?, ?> json = new ObjectMapper().readValue(file.toFile(), Map.class);
        assertThat(json.get("jmxUrl")).isEqualTo(server.jmxUrl().orElseThrow());
        assertThat(json.get("jolokiaUrl")).isNull();
        assertThat(((Number) json.get("pid")).longValue()).isEqualTo(ProcessHandle.current().pid());
        assertThat(json.get("version")).isEqualTo("0.1.0-test");
    }

    @Test
    void closeUnregistersEveryMBeanStopsTheConnectorAndDeletesTheRuntimeFile() throws Exception {
        var platform = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        Path file = server.runtimeFile();
        connector.close();
        connector = null;

        server.close();

        assertThat(platform.queryNames(new ObjectName("ppm:*"), null)).isEmpty();
        assertThat(file).doesNotExist();
        assertThatThrownBy(() -> JMXConnectorFactory.connect(new JMXServiceURL(
                "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + jmx.port() + "/jmxrmi"))).isInstanceOf(java.io.IOException.class);
        // The port is released: a second daemon can take it (RMI closes its listener in the background).
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).ignoreException(java.io.IOException.class)
                .until(() -> {
                    server = ManagementServer.start(daemon, jmx, TestEndpoints.jolokiaOff(), dir.resolve("daemon.json"));
                    return true;
                });
        assertThat(platform.isRegistered(ObjectNames.service("web"))).isTrue();
    }

    @Test
    void resourceFiguresOfTheDaemonTheContainerAndAServiceRoundTrip() {
        assertThat(daemonProxy().getDaemonStats().threads()).isEqualTo(20);
        assertThat(daemonProxy().getContainerStats().memoryLimitBytes()).isEqualTo(512_000_000L);
        var history = serviceProxy("web").getHistory();
        assertThat(history.service()).isEqualTo("web");
        assertThat(history.cpuPercent()).containsExactly(1.0, 2.0);
        assertThat(history.rssBytes()).containsExactly(100L, 200L);
    }

    @Test
    void sampleTakesARoundUnlessTheLatestIsUnderASecondOld() {
        DaemonMXBean proxy = daemonProxy();

        long before = System.currentTimeMillis();
        proxy.sample();
        assertThat(daemon.samples()).isEqualTo(1);
        assertThat(proxy.getDaemonStats().sampledAt()).isGreaterThanOrEqualTo(before);
        proxy.sample();
        long elapsed = System.currentTimeMillis() - before;

        // The second call comes well within the second on any machine that is not stalled; if it
        // was stalled for that long, a second round is right.
        if (elapsed < DaemonMXBean.FRESH_SAMPLE_MILLIS) {
            assertThat(daemon.samples()).isEqualTo(1);
        } else {
            assertThat(daemon.samples()).isBetween(1L, 2L);
        }
    }

    @Test
    void serviceStatesUseTheLabelsUsersSee() {
        assertThat(serviceProxy("web").getState()).isEqualTo(ServiceState.RUNNING.label());
    }
}
