package io.partner.ppm.plugin.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.plugin.testkit.PluginJars;
import io.partner.ppm.runtime.config.ConfigException;
import io.partner.ppm.runtime.config.ConfigLoader;
import io.partner.ppm.runtime.config.DaemonConfig;
import io.partner.ppm.runtime.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled plugin, in a jar, loads into a real plugin host with every extension found. */
class PackagedPluginTest {

    @TempDir
    Path plugins;

    @Test
    void pluginLoadsAndOwnsItsPoliciesAndKeys() throws IOException, ConfigException {
        PluginJars.fromClasses(PluginJars.moduleClasses(), "restart-policies", "1.0.0", plugins.resolve("restart-policies.jar"));

        try (PluginHost host = new PluginHost(plugins, List.of())) {
            host.loadAll();

            PluginInfo plugin = host.plugins().getFirst();
            assertThat(plugin.state()).as(plugin.error()).isEqualTo("STARTED");
            assertThat(plugin.extensions()).containsExactlyInAnyOrder(
                    FixedBackoffPolicy.class.getName(), LinearBackoffPolicy.class.getName(),
                    ExponentialJitterPolicy.class.getName(), CrashWindowPolicy.class.getName(),
                    MemoryLimit.class.getName(), RestartPoliciesConfig.class.getName());
            assertThat(host.configExtensions().restartPolicies())
                    .containsExactlyInAnyOrder("fixed", "linear", "exponential-jitter", "window");
            assertThat(host.configExtensions().contributions()).singleElement()
                    .satisfies(c -> assertThat(c.serviceKeys()).containsExactlyInAnyOrder("restart_window", "max_memory"));

            ConfigLoader loader = new ConfigLoader(Map.of(), host.configExtensions());
            DaemonConfig config = loader.loadText("""
                    services:
                      - name: worker
                        command: ["/bin/worker"]
                        restart: window
                        restart_window: { max_crashes: 3, within: 10m }
                        max_memory: 512MB
                    """, "ppm.yml");
            assertThat(config.services().getFirst().restart()).isEqualTo("window");
            assertThatThrownBy(() -> loader.loadText("""
                    services:
                      - name: worker
                        command: ["/bin/worker"]
                        restart: window
                        restart_window: { max_crashes: 3, within: soon }
                    """, "ppm.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("ppm.yml:5:5: service 'worker' restart_window: within: invalid duration 'soon' "
                            + "(use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s)");
            assertThatThrownBy(() -> loader.loadText("""
                    services:
                      - name: worker
                        command: ["/bin/worker"]
                        restart: windoww
                    """, "ppm.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageContaining("windoww");
        }
    }
}
