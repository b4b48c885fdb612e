package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.runtime.RunningDaemon;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon with a misbehaving plugin: it comes up, keeps restarting a crashing service on time
 * and stops within {@code shutdown.timeout}, whatever the plugin does.
 */
class PluginIsolationDaemonTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);
    /** The crasher's backoff is 200 ms: a restart later than this after its crash is not on time. */
    private static final Duration ON_TIME = Duration.ofMillis(1200);

    @TempDir
    Path scratch;
    Path pluginsDir;

    @BeforeEach
    void setUp() throws IOException {
        pluginsDir = Files.createDirectory(scratch.resolve("plugins"));
    }

    private RunningDaemon start(String restartPolicy) {
        return RunningDaemon.startRaw(scratch, """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                  plugins: { dir: %s }
                services:
                  - name: crasher
                    command: ["sh", "-c", "exit 3"]
                    restart: %s
                    backoff: { interval: 200ms, max: 200ms }
                """.formatted(pluginsDir, restartPolicy), Clock.systemUTC(), Map.of());
    }

    private static PluginInfo plugin(RunningDaemon d, String id) {
        return d.daemon.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + d.daemon.plugins()));
    }

    /** Three more restarts of the crasher, each on time after its crash; then SIGTERM's path stops in time. */
    private static void stillSupervisesAndStopsOnTime(RunningDaemon d) throws Exception {
        int before = d.events("crasher", ServiceEvent.Type.RESTARTED).size();
        d.awaitEvents("crasher", ServiceEvent.Type.RESTARTED, before + 3);
        List<ServiceEvent> events = d.events().stream().filter(e -> e.service().equals("crasher")).toList();
        long lastCrash = -1;
        int checked = 0;
        for (ServiceEvent event : events) {
            if (event.type() == ServiceEvent.Type.CRASHED) {
                lastCrash = event.timestamp();
            } else if (event.type() == ServiceEvent.Type.RESTARTED && lastCrash >= 0) {
                assertThat(event.timestamp() - lastCrash).as("restart after its crash, in ms").isLessThan(ON_TIME.toMillis());
                checked++;
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);

        long began = System.nanoTime();
        d.daemon.shutdown();
        d.daemon.exitCode().get(20, TimeUnit.SECONDS);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("shutdown").isLessThan(SHUTDOWN_TIMEOUT);
    }

    @Test
    void pluginWhoseStartNeverReturnsDoesNotKeepTheDaemonFromComingUp() throws Exception {
        HostilePlugins.neverStarts(scratch, pluginsDir.resolve("stuck.jar"));

        try (RunningDaemon d = start("on-failure")) {
            assertThat(plugin(d, "stuck").state()).isEqualTo("FAILED");
            assertThat(d.stderr.text()).contains("plugin stuck 1.0.0 (" + pluginsDir.resolve("stuck.jar")
                    + ") failed to load: loading and starting the plugin did not return within 5 s");
            stillSupervisesAndStopsOnTime(d);
        }
    }

    @Test
    void pluginThatCallsSystemExitIsRefusedAndTheDaemonRuns() throws Exception {
        HostilePlugins.exitsOnStart(scratch, pluginsDir.resolve("quitter.jar"));

        try (RunningDaemon d = start("on-failure")) {
            assertThat(d.stderr.text()).contains("plugin quitter 1.0.0 (" + pluginsDir.resolve("quitter.jar")
                    + ") failed to load: refused: class quitter.QuitterPlugin calls System.exit");
            stillSupervisesAndStopsOnTime(d);
        }
    }

    @Test
    void pluginWhoseStartThrowsAnErrorIsFailedAndTheDaemonRuns() throws Exception {
        HostilePlugins.errorOnStart(scratch, pluginsDir.resolve("fragile.jar"));

        try (RunningDaemon d = start("on-failure")) {
            assertThat(plugin(d, "fragile").error()).isEqualTo("AssertionError: fragile breaks");
            assertThat(d.stderr.text()).doesNotContain("\tat ");
            stillSupervisesAndStopsOnTime(d);
        }
    }

    @Test
    void restartPolicyThatNeverReturnsGivesWayToOnFailure() throws Exception {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "policy");

        try (RunningDaemon d = start("sticky")) {
            await().atMost(RunningDaemon.DEADLINE).until(() -> plugin(d, "sticky").state().equals("FAILED"));
            assertThat(d.stderr.text()).contains("plugin sticky 1.0.0 (" + pluginsDir.resolve("sticky.jar")
                    + ") failed while running: restart policy 'sticky' deciding for crasher did not return within 250 ms");
            stillSupervisesAndStopsOnTime(d);
        }
    }

    @Test
    void listenerThatNeverReturnsHoldsUpNoOtherListener() throws Exception {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "listener");

        try (RunningDaemon d = start("on-failure")) {
            await().atMost(RunningDaemon.DEADLINE).until(() -> plugin(d, "sticky").state().equals("FAILED"));
            stillSupervisesAndStopsOnTime(d);
        }
    }

    @Test
    void daemonExtensionWhoseStopNeverReturnsDoesNotDelayTheShutdown() throws Exception {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "extension-stop");

        try (RunningDaemon d = start("on-failure")) {
            assertThat(plugin(d, "sticky").state()).isEqualTo("STARTED");
            stillSupervisesAndStopsOnTime(d);
        }
    }
}
