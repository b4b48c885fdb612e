package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.DaemonMXBean;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.ServiceMXBean;
import io.partner.ppm.runtime.RunningDaemon;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.management.AttributeChangeNotification;
import javax.management.JMX;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The management layer over a real daemon supervising real processes, through RMI and Jolokia. */
class ManagementOfRealDaemonTest {

    @TempDir
    Path dir;

    private RunningDaemon running;
    private ManagementServer management;
    private JMXConnector connector;
    private MBeanServerConnection connection;

    @BeforeEach
    void start() throws Exception {
        running = RunningDaemon.startWithEndpoints(dir, """
                services:
                  - name: sleeper
                    command: ["sleep", "1000"]
                  - name: flaky
                    command: ["sh", "-c", "sleep 1000"]
                    backoff: { interval: 100ms, max: 100ms, max_restarts: 1 }
                """);
        management = running.daemon.management();
        connector = JMXConnectorFactory.connect(new JMXServiceURL(management.jmxUrl().orElseThrow()),
                TestEndpoints.ownerEnvironment(management.runtimeFile()));
        connection = connector.getMBeanServerConnection();
        running.awaitState("sleeper", ServiceState.RUNNING);
        running.awaitState("flaky", ServiceState.RUNNING);
    }

    @AfterEach
    void stop() throws Exception {
        connector.close();
        running.close();
    }

    @Test
    void crashesRestartsAndGivingUpArriveAsNotifications() throws Exception {
        BlockingQueue<Notification> received = new LinkedBlockingQueue<>();
        connection.addNotificationListener(ObjectNames.service("flaky"), (n, handback) -> received.add(n), null, null);
        ServiceMXBean flaky = JMX.newMXBeanProxy(connection, ObjectNames.service("flaky"), ServiceMXBean.class);

        flaky.signal("KILL");
        assertThat(stateChange(received)).containsExactly("Running", "Crashed");
        assertThat(nextOfType(received, ServiceMXBean.RESTARTED)).isNotNull();
        running.awaitService("flaky", s -> s.state() == ServiceState.RUNNING && s.restarts() == 1);
        flaky.signal("KILL");
        assertThat(nextOfType(received, ServiceMXBean.GAVE_UP)).isNotNull();
        assertThat(flaky.isGaveUp()).isTrue();
        assertThat(flaky.getState()).isEqualTo("Crashed");
    }

    @Test
    void twelveClientsSendingEightMegabytesEachAreRefusedAndSupervisionGoesOn() throws Exception {
        String eightMegabytes = "z".repeat(8 * 1024 * 1024);
        List<Thread> clients = new java.util.ArrayList<>();
        List<Throwable> outcomes = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int i = 0; i < 12; i++) {
            clients.add(Thread.ofPlatform().start(() -> {
                try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(management.jmxUrl().orElseThrow()),
                        TestEndpoints.ownerEnvironment(management.runtimeFile()))) {
                    c.getMBeanServerConnection().invoke(ObjectNames.daemon(), "addService",
                            new Object[] {eightMegabytes}, new String[] {String.class.getName()});
                    outcomes.add(new AssertionError("an 8 MB argument was accepted"));
                } catch (Exception | Error e) {
                    outcomes.add(e);
                }
            }));
        }
        for (Thread client : clients) {
            client.join(30_000);
        }

        // Refused on the wire (the connection is closed), not read whole and then found invalid.
        assertThat(outcomes).hasSize(12).allMatch(e -> e instanceof java.io.IOException, "refused as I/O errors");
        // The daemon still supervises: a killed service is restarted, and control still works.
        long before = running.info("flaky").pid();
        JMX.newMXBeanProxy(connection, ObjectNames.service("flaky"), ServiceMXBean.class).signal("KILL");
        running.awaitService("flaky", s -> s.state() == ServiceState.RUNNING && s.restarts() == 1 && s.pid() != before);
        assertThat(running.stderr.text()).doesNotContain("OutOfMemoryError");
    }

    @Test
    void bulkReadOverRmiMatchesTheDaemon() {
        DaemonMXBean daemon = JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class);

        List<ServiceInfo> services = daemon.getServices();

        assertThat(services).extracting(ServiceInfo::name).containsExactly("sleeper", "flaky");
        assertThat(services.getFirst().pid()).isEqualTo(running.info("sleeper").pid()).isPositive();
        assertThat(daemon.getRunningCount()).isEqualTo(2);
        assertThat(daemon.getDaemonStats().threads()).isPositive();
    }

    @Test
    void sampleOnDemandRefreshesTheFiguresAndTheHistory() {
        DaemonMXBean daemon = JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class);
        ServiceMXBean sleeper = JMX.newMXBeanProxy(connection, ObjectNames.service("sleeper"), ServiceMXBean.class);
        // Figures over a second old, so the call is not answered with "fresh enough".
        org.awaitility.Awaitility.await().atMost(RunningDaemon.DEADLINE).until(() ->
                System.currentTimeMillis() - daemon.getDaemonStats().sampledAt() > DaemonMXBean.FRESH_SAMPLE_MILLIS);
        int samplesBefore = sleeper.getHistory().rssBytes().length;

        long called = System.currentTimeMillis();
        daemon.sample();

        assertThat(daemon.getDaemonStats().sampledAt()).isGreaterThanOrEqualTo(called);
        assertThat(sleeper.getStats().sampledAt()).isGreaterThanOrEqualTo(called);
        assertThat(sleeper.getHistory().rssBytes().length).isGreaterThan(samplesBefore);
    }

    @Test
    void badInputThroughJmxAndJolokiaIsOneLineAndChangesNothing() throws Exception {
        DaemonMXBean daemon = JMX.newMXBeanProxy(connection, ObjectNames.daemon(), DaemonMXBean.class);
        ServiceMXBean sleeper = JMX.newMXBeanProxy(connection, ObjectNames.service("sleeper"), ServiceMXBean.class);
        long pid = running.info("sleeper").pid();

        assertThatThrownBy(() -> daemon.addService("{name: 'bad name', command: [sleep, '1']}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("bad name").hasNoCause();
        assertThatThrownBy(() -> daemon.addService("{name: empty, command: []}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("command");
        assertThatThrownBy(() -> daemon.addService("{name: x, command: [sleep, '1'], env: [A]}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("env");
        assertThatThrownBy(() -> daemon.removeService("ghost"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown service 'ghost'");
        assertThatThrownBy(() -> sleeper.signal("NOPE"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("unknown signal 'NOPE'");

        JsonNode viaJolokia;
        try (HttpClient http = HttpClient.newHttpClient()) {
            viaJolokia = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(
                            URI.create(management.jolokiaUrl().orElseThrow()))
                    .timeout(Duration.ofSeconds(20))
                    .header("Authorization", TestEndpoints.ownerAuthorization(management.runtimeFile()))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\","
                            + "\"operation\":\"addService\",\"arguments\":[\"{name: x, command: []}\"]}"))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
        }
        assertThat(viaJolokia.path("error_type").asText()).isEqualTo("java.lang.IllegalArgumentException");
        assertThat(viaJolokia.path("error").asText()).contains("command").doesNotContain("\n");

        assertThat(running.daemon.supervisor().services()).extracting(ServiceInfo::name).containsExactly("sleeper", "flaky");
        assertThat(running.info("sleeper").pid()).isEqualTo(pid);
        assertThat(running.info("sleeper").state()).isEqualTo(ServiceState.RUNNING);
    }

    private static List<Object> stateChange(BlockingQueue<Notification> received) throws InterruptedException {
        Notification n = nextOfType(received, AttributeChangeNotification.ATTRIBUTE_CHANGE);
        assertThat(n).isNotNull();
        AttributeChangeNotification change = (AttributeChangeNotification) n;
        return List.of(change.getOldValue(), change.getNewValue());
    }

    private static Notification nextOfType(BlockingQueue<Notification> received, String type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            Notification n = received.poll(1, TimeUnit.SECONDS);
            if (n != null && n.getType().equals(type)) {
                return n;
            }
        }
        return null;
    }
}
