package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceState;
import io.partner.ppm.runtime.RunningDaemon;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon running as root and a service running as {@code nobody} that tries to take over:
 * Jolokia through curl, JMX through a small Java client, and the runtime file directly. It can read
 * what {@code ppm ls} shows and control nothing.
 */
class ControlPlaneAsAnotherUserTest {

    private static final String PROBE = """
            import javax.management.*;
            import javax.management.remote.*;

            public class Probe {
                public static void main(String[] args) throws Exception {
                    try (JMXConnector c = JMXConnectorFactory.connect(new JMXServiceURL(args[0]))) {
                        MBeanServerConnection s = c.getMBeanServerConnection();
                        System.out.println("JMX-READ " + s.getAttribute(new ObjectName("ppm:type=Daemon"), "ServiceCount"));
                        ObjectName sleeper = new ObjectName("ppm:type=Service,name=sleeper");
                        try {
                            s.invoke(sleeper, "stop", null, null);
                            System.out.println("JMX-STOP done");
                        } catch (SecurityException e) {
                            System.out.println("JMX-STOP refused");
                        }
                        try {
                            s.invoke(new ObjectName("ppm:type=Daemon"), "addService",
                                    new Object[] {"{name: jmxroot, command: [id]}"}, new String[] {"java.lang.String"});
                            System.out.println("JMX-ADD done");
                        } catch (SecurityException e) {
                            System.out.println("JMX-ADD refused");
                        }
                    }
                    try {
                        JMXConnectorFactory.connect(new JMXServiceURL(args[0]), java.util.Map.of(JMXConnector.CREDENTIALS,
                                new String[] {"ppm", "guess"})).close();
                        System.out.println("JMX-GUESS accepted");
                    } catch (SecurityException e) {
                        System.out.println("JMX-GUESS refused");
                    }
                }
            }
            """;

    @TempDir
    Path dir;

    private RunningDaemon running;

    @AfterEach
    void stop() {
        if (running != null) {
            running.close();
        }
    }

    @Test
    void aServiceOfAnotherUserReadsButControlsNothing() throws Exception {
        Path shared = Files.createTempDirectory("ppm-probe");
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path probe = Files.writeString(shared.resolve("Probe.java"), PROBE);
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rw-r--r--"));
        int jmxPort = TestEndpoints.freePort();
        int jolokiaPort = TestEndpoints.freePort();
        String jolokia = "http://127.0.0.1:" + jolokiaPort + "/jolokia/";
        String jmx = "service:jmx:rmi://127.0.0.1:" + jmxPort + "/jndi/rmi://127.0.0.1:" + jmxPort + "/jmxrmi";
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String script = String.join("; ",
                "echo JOLOKIA-ADD $(curl -s -d '{\"type\":\"exec\",\"mbean\":\"ppm:type=Daemon\",\"operation\":\"addService\","
                        + "\"arguments\":[\"{name: escalated, command: [id]}\"]}' " + jolokia + ")",
                "echo JOLOKIA-STOP $(curl -s -d '{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=sleeper\","
                        + "\"operation\":\"stop\"}' " + jolokia + ")",
                "echo JOLOKIA-SIGNAL $(curl -s -d '{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=sleeper\","
                        + "\"operation\":\"signal\",\"arguments\":[\"KILL\"]}' " + jolokia + ")",
                "echo JOLOKIA-START $(curl -s -d '{\"type\":\"exec\",\"mbean\":\"ppm:type=Service,name=stopped\","
                        + "\"operation\":\"start\"}' " + jolokia + ")",
                "echo JOLOKIA-LS $(curl -s -d '{\"type\":\"read\",\"mbean\":\"ppm:type=Daemon\",\"attribute\":\"Services\"}' "
                        + jolokia + " | grep -o '\"name\":\"sleeper\"')",
                "cat " + dir.resolve("daemon.json") + " >/dev/null 2>&1 && echo FILE-READ || echo FILE-REFUSED",
                java + " -Xshare:auto " + probe + " '" + jmx + "'",
                "echo PROBE-DONE",
                "sleep 1000");
        running = RunningDaemon.startRaw(dir, """
                daemon:
                  jmx: { enabled: true, host: 127.0.0.1, port: %d }
                  jolokia: { enabled: true, host: 127.0.0.1, port: %d }
                  shutdown: { timeout: 5s }
                services:
                  - name: sleeper
                    command: ["sleep", "1000"]
                  - name: stopped
                    command: ["sleep", "1000"]
                    autostart: false
                  - name: intruder
                    user: nobody
                    command: ["sh", "-c", %s]
                """.formatted(jmxPort, jolokiaPort, quoted(script)), Clock.systemUTC(), Map.of());

        String out = running.awaitStdout(text -> text.contains("PROBE-DONE"));

        assertThat(out).containsPattern("JOLOKIA-ADD .*\"status\":403");
        assertThat(out).containsPattern("JOLOKIA-STOP .*\"status\":403");
        assertThat(out).containsPattern("JOLOKIA-SIGNAL .*\"status\":403");
        assertThat(out).containsPattern("JOLOKIA-START .*\"status\":403");
        assertThat(out).contains("JOLOKIA-LS \"name\":\"sleeper\"");
        assertThat(out).contains("FILE-REFUSED");
        assertThat(out).contains("JMX-READ 3", "JMX-STOP refused", "JMX-ADD refused", "JMX-GUESS refused");
        assertThat(running.daemon.supervisor().service("escalated")).isEmpty();
        assertThat(running.daemon.supervisor().service("jmxroot")).isEmpty();
        assertThat(running.info("sleeper").state()).isEqualTo(ServiceState.RUNNING);
        assertThat(running.info("stopped").state()).isEqualTo(ServiceState.CREATED);
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
