package io.partner.ppm.plugin.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.plugin.testkit.PluginDaemon;
import io.partner.ppm.plugin.testkit.PluginJars;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The restart-policies plugin, as a jar in the plugin folder of a real daemon whose real services crash. */
class RestartPoliciesThroughDaemonTest {

    private static final String PLUGIN_ID = "restart-policies";

    /** A service that crashes at once, under the fixed policy: 150 ms before each restart, three restarts. */
    private static final String FIXED_CRASHER = """
              - name: crasher
                command: ["sh", "-c", "exit 1"]
                restart: fixed
                backoff: { interval: 150ms, max_restarts: 3 }
            """;

    /** A service that runs until it is stopped. */
    private static final String KEEPER = """
              - name: keeper
                command: ["sleep", "60"]
            """;

    @TempDir
    Path dir;

    private Path plugins;

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
    }

    private Path installPlugin() throws IOException {
        return PluginJars.fromClasses(PluginJars.moduleClasses(), PLUGIN_ID, "1.0.0", plugins.resolve(PLUGIN_ID + ".jar"));
    }

    @Test
    void windowPolicyGivesUpAtTheLastCrashAllowedWithinTheWindow() throws Exception {
        installPlugin();
        try (PluginDaemon d = PluginDaemon.start(dir, plugins, """
                services:
                  - name: crasher
                    command: ["sh", "-c", "exit 1"]
                    restart: window
                    restart_window: { max_crashes: 3, within: 1m }
                    backoff: { interval: 50ms, max: 50ms }
                """)) {
            // Events come in order: every crash is recorded once the one giving up is.
            d.awaitEvents("crasher", ServiceEvent.Type.GAVE_UP, 1);

            ServiceInfo info = d.info("crasher");
            assertThat(info.gaveUp()).isTrue();
            assertThat(info.state()).isEqualTo(ServiceState.CRASHED);
            assertThat(d.events("crasher", ServiceEvent.Type.CRASHED)).hasSize(3)
                    .allSatisfy(crash -> assertThat(crash.exit().exitCode()).isEqualTo(1));
            assertThat(d.events("crasher", ServiceEvent.Type.RESTARTED)).hasSize(2);
        }
    }

    @Test
    void fixedPolicyWaitsTheSameDelayBeforeEveryRestart() throws Exception {
        installPlugin();
        try (PluginDaemon d = PluginDaemon.start(dir, plugins, "services:\n" + FIXED_CRASHER)) {
            d.awaitEvents("crasher", ServiceEvent.Type.GAVE_UP, 1);

            assertFixedDelays(d.events("crasher", ServiceEvent.Type.RESTART_SCHEDULED), 150, 3);
            assertThat(d.events("crasher", ServiceEvent.Type.RESTARTED)).hasSize(3);
        }
    }

    @Test
    void jarDroppedIntoARunningDaemonServesItsPolicyAfterAReloadAndIsUnloadedWhenRemoved() throws Exception {
        String both = "services:\n" + KEEPER + FIXED_CRASHER;
        try (PluginDaemon d = PluginDaemon.start(dir, plugins, "services:\n" + KEEPER)) {
            long keeperPid = d.awaitService("keeper", s -> s.state() == ServiceState.RUNNING).pid();
            assertThatThrownBy(() -> d.reload(both))
                    .as("no plugin offers the fixed policy yet")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown restart policy 'fixed'");

            Path jar = installPlugin();
            PluginInfo loaded = d.awaitPlugin(PLUGIN_ID, p -> p.state().equals("STARTED"));
            assertThat(loaded.extensions()).contains(FixedBackoffPolicy.class.getName());
            d.reload(both);

            d.awaitEvents("crasher", ServiceEvent.Type.GAVE_UP, 1);
            assertFixedDelays(d.events("crasher", ServiceEvent.Type.RESTART_SCHEDULED), 150, 3);

            Files.delete(jar);
            d.awaitNoPlugin(PLUGIN_ID);
            assertThatThrownBy(() -> d.reload(both))
                    .as("the policy left with its plugin")
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unknown restart policy 'fixed'");
            assertThat(d.stderr()).contains("plugin " + PLUGIN_ID + " 1.0.0 loaded from " + jar,
                    "plugin " + PLUGIN_ID + " unloaded (" + jar + ")");
            assertThat(d.info("keeper").pid()).as("the other service was not touched").isEqualTo(keeperPid);
            assertThat(d.info("keeper").state()).isEqualTo(ServiceState.RUNNING);
        }
    }

    @Test
    void corruptJarIsListedAsFailedAndTheDaemonRunsWithTheOtherPlugins() throws Exception {
        installPlugin();
        Files.write(plugins.resolve("broken.jar"), "this is not a zip file".getBytes());

        try (PluginDaemon d = PluginDaemon.start(dir, plugins, """
                services:
                  - name: steady
                    command: ["sleep", "60"]
                    restart: fixed
                """)) {
            assertThat(d.awaitService("steady", s -> s.state() == ServiceState.RUNNING).pid()).isPositive();

            PluginInfo broken = d.plugin("broken").orElseThrow();
            assertThat(broken.state()).isEqualTo("FAILED");
            assertThat(broken.error()).startsWith("not a plugin jar: cannot read it as a jar");
            assertThat(broken.path()).endsWith("broken.jar");
            assertThat(d.plugin(PLUGIN_ID).orElseThrow().state()).isEqualTo("STARTED");
            assertThat(d.stderr()).as("reported in the daemon's own output")
                    .contains("plugin broken (" + broken.path() + ") failed to load: not a plugin jar")
                    .contains("plugin " + PLUGIN_ID + " 1.0.0 loaded from ");
        }
    }

    /** Each scheduled restart is {@code millis} after the crash, {@code count} times, then the service gave up. */
    private static void assertFixedDelays(List<ServiceEvent> scheduled, long millis, int count) {
        assertThat(scheduled).hasSize(count);
        // The supervisor reads its clock for the restart time first and for the event's time right after.
        assertThat(scheduled).extracting(e -> e.nextRestartAt() - e.timestamp())
                .allSatisfy(delay -> assertThat(delay).isBetween(millis - 50, millis));
    }
}
