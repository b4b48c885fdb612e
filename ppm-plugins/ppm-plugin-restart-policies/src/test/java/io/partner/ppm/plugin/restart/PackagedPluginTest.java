package io.partner.ppm.plugin.restart;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.plugin.testkit.PluginJars;
import io.partner.ppm.runtime.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled plugin, in a jar, loads into a real plugin host with every extension found. */
class PackagedPluginTest {

    @TempDir
    Path plugins;

    @Test
    void pluginLoadsWithItsPoliciesKeysAndMemoryLimit() throws IOException {
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
            assertThat(Files.exists(plugins.resolve("restart-policies.jar"))).isTrue();
        }
    }
}
