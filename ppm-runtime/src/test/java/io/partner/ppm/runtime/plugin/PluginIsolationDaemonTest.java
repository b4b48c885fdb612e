package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.runtime.RunningDaemon;
import io.partner.ppm.runtime.SupervisionCheck;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real daemon with a misbehaving plugin: it comes up, keeps restarting a crashing service on time
 * and stops within {@code shutdown.timeout}, whatever the plugin does.
 */
class PluginIsolationDaemonTest {

    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(3);

    @TempDir
    Path scratch;
    Path pluginsDir;

    @BeforeEach
    void setUp() throws IOException {
        pluginsDir = Files.createDirectory(scratch.resolve("plugins"));
    }

    private RunningDaemon start(String restartPolicy) {
        return RunningDaemon.startRaw(scratch, ("""
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                  plugins: { dir: %s }
                services:
                """ + SupervisionCheck.CRASHER + """
                    restart: %s
                """).formatted(pluginsDir, restartPolicy), Clock.systemUTC(), Map.of());
    }

    private static PluginInfo plugin(RunningDaemon d, String id) {
        return d.daemon.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + d.daemon.plugins()));
    }

    private static void stillSupervisesAndStopsOnTime(RunningDaemon d) throws Exception {
        SupervisionCheck.stillSupervisesAndStopsOnTime(d, SHUTDOWN_TIMEOUT);
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
    void shutdownDoesNotWaitForAPluginBeingLoaded() throws Exception {
        try (RunningDaemon d = start("on-failure")) {
            HostilePlugins.neverStarts(scratch, pluginsDir.resolve("stuck.jar"));
            await().atMost(RunningDaemon.DEADLINE).until(() -> Thread.getAllStackTraces().keySet().stream()
                    .anyMatch(t -> t.getName().equals("ppm-plugin-stuck") && t.isAlive()));
            assertThat(d.daemon.plugins()).as("listed while the load hangs").isEmpty();
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
