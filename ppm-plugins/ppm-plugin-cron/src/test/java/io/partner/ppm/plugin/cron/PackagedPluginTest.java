package io.partner.ppm.plugin.cron;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.plugin.testkit.PluginJars;
import io.partner.ppm.runtime.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled plugin, in a jar, loads into a real plugin host with its extensions found. */
class PackagedPluginTest {

    @TempDir
    Path plugins;

    @Test
    void pluginLoadsWithItsKeysAndScheduler() throws IOException {
        PluginJars.fromClasses(PluginJars.moduleClasses(), "cron", "1.0.0", plugins.resolve("cron.jar"));

        try (PluginHost host = new PluginHost(plugins, List.of())) {
            host.loadAll();

            PluginInfo plugin = host.plugins().getFirst();
            assertThat(plugin.state()).as(plugin.error()).isEqualTo("STARTED");
            assertThat(plugin.extensions()).containsExactlyInAnyOrder(CronConfig.class.getName(), CronScheduler.class.getName());
            assertThat(host.configExtensions().contributions()).singleElement()
                    .satisfies(c -> assertThat(c.serviceKeys()).contains("schedule", "cron_restart"));
        }
    }
}
