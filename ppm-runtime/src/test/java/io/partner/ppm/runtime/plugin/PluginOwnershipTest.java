package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceState;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.StandardMBean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plugin's context owns what it hands out: whatever way the plugin goes (its jar removed, a failure,
 * the daemon closing), its timer task stops, its threads end, its subscription hears nothing more, and
 * its MBean and details are gone, although the plugin itself released nothing.
 */
class PluginOwnershipTest {

    private static final PluginDeadlines SHORT = new PluginDeadlines(Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofMillis(100));
    private static final Duration DEADLINE = Duration.ofSeconds(20);
    private static final String TICKS = "ppm.test.hoarder.ticks";
    private static final String EVENTS = "ppm.test.hoarder.events";
    private static final MBeanServer PLATFORM = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path scratch;
    Path pluginsDir;
    Path jar;
    RecordingSupervisorContext daemon;
    PluginHost host;
    ObjectName hoarderBean;

    @BeforeEach
    void setUp() throws Exception {
        System.clearProperty(TICKS);
        System.clearProperty(EVENTS);
        hoarderBean = new ObjectName("ppm.test:type=Hoarder");
        pluginsDir = Files.createDirectory(scratch.resolve("plugins"));
        jar = TestPlugins.hoarder(scratch, pluginsDir.resolve("hoarder.jar"));
        daemon = new RecordingSupervisorContext();
        host = new PluginHost(pluginsDir, List.of(), SHORT);
    }

    @AfterEach
    void tearDown() {
        host.close(Duration.ofMillis(500));
        daemon.close();
    }

    @Test
    void removedJarLeavesNothingOfItsPluginBehind() throws IOException {
        startHoarder();

        Files.delete(jar);
        host.rescan();

        assertThat(host.plugins()).isEmpty();
        assertEverythingReleased();
    }

    @Test
    void failedPluginLeavesNothingBehind() {
        startHoarder();

        daemon.publish(event("boom"));

        await().atMost(DEADLINE).until(() -> host.plugins().getFirst().state().equals("FAILED"));
        assertThat(host.plugins().getFirst().error()).contains("hoarder cannot take it");
        assertEverythingReleased();
    }

    @Test
    void closingTheDaemonLeavesNothingBehind() {
        startHoarder();

        host.close();

        assertEverythingReleased();
    }

    @Test
    void closedContextHandsOutNothingMore() throws Exception {
        PluginContext context = new PluginContext("late", daemon, new PluginCalls("late", Duration.ofSeconds(1)));
        MBeanServer heldOn = context.mbeanServer();
        ObjectName lateBean = new ObjectName("ppm.test:type=Late");

        context.close();

        assertThatThrownBy(context::scheduler).isInstanceOf(IllegalStateException.class)
                .hasMessage("plugin late is unloaded: it can no longer get a timer");
        assertThatThrownBy(() -> context.subscribe(e -> { })).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> context.setDetail("web", "k", "v")).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> context.runCommand(List.of("true"), Map.of(), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> heldOn.registerMBean(new StandardMBean((Runnable) () -> { }, Runnable.class), lateBean))
                .as("a server handed out before the unload refuses registrations after it")
                .isInstanceOf(IllegalStateException.class);
        assertThat(PLATFORM.isRegistered(lateBean)).isFalse();
        assertThat(daemon.subscribers).isEmpty();
    }

    @Test
    void whatThePluginReleasedItselfIsNotReleasedTwice() throws Exception {
        PluginContext context = new PluginContext("tidy", daemon, new PluginCalls("tidy", Duration.ofSeconds(1)));
        ObjectName tidyBean = new ObjectName("ppm.test:type=Tidy");
        context.mbeanServer().registerMBean(new StandardMBean((Runnable) () -> { }, Runnable.class), tidyBean);
        context.mbeanServer().unregisterMBean(tidyBean);
        context.setDetail("tidy", "k", "v");
        context.setDetail("tidy", "k", null);
        // Someone else registers the same name afterwards: not the plugin's to remove.
        PLATFORM.registerMBean(new StandardMBean((Runnable) () -> { }, Runnable.class), tidyBean);
        try {
            context.close();

            assertThat(PLATFORM.isRegistered(tidyBean)).isTrue();
        } finally {
            PLATFORM.unregisterMBean(tidyBean);
        }
    }

    private void startHoarder() {
        host.loadAll();
        host.startExtensions(daemon);
        assertThat(host.plugins().getFirst().state()).isEqualTo("STARTED");

        await().atMost(DEADLINE).until(() -> Integer.getInteger(TICKS, 0) >= 3);
        daemon.publish(event("web"));
        await().atMost(DEADLINE).until(() -> Integer.getInteger(EVENTS, 0) == 1);
        assertThat(PLATFORM.isRegistered(hoarderBean)).isTrue();
        assertThat(daemon.detail("hoarder", "left")).isEqualTo("yes");
        assertThat(liveThreadsOfHoarder()).contains("ppm-plugin-hoarder-timer");
    }

    private void assertEverythingReleased() {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(liveThreadsOfHoarder()).as("threads of the plugin").isEmpty());
        int ticks = Integer.getInteger(TICKS, 0);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2))
                .until(() -> Integer.getInteger(TICKS, 0) == ticks);
        assertThat(daemon.subscribers).as("its subscription").isEmpty();
        daemon.publish(event("web"));
        assertThat(Integer.getInteger(EVENTS, 0)).isEqualTo(1);
        assertThat(PLATFORM.isRegistered(hoarderBean)).as("its MBean").isFalse();
        assertThat(daemon.detail("hoarder", "left")).as("its detail").isNull();
    }

    private static List<String> liveThreadsOfHoarder() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("ppm-plugin-hoarder"))
                .toList();
    }

    private static ServiceEvent event(String service) {
        return new ServiceEvent(ServiceEvent.Type.CRASHED, service, ServiceState.RUNNING, ServiceState.CRASHED,
                ExitStatus.exited(1), 0, 0, "test", System.currentTimeMillis());
    }
}
