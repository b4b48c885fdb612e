package io.partner.ppm.plugin.cron;

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

/** The compiled plugin, in a jar, loads into a real plugin host with its extensions found. */
class PackagedPluginTest {

    @TempDir
    Path plugins;

    @Test
    void pluginLoadsAndOwnsTheCronKeysOfTheConfiguration() throws IOException, ConfigException {
        PluginJars.fromClasses(PluginJars.moduleClasses(), "cron", "1.0.0", plugins.resolve("cron.jar"));

        try (PluginHost host = new PluginHost(plugins, List.of())) {
            host.loadAll();

            PluginInfo plugin = host.plugins().getFirst();
            assertThat(plugin.state()).as(plugin.error()).isEqualTo("STARTED");
            assertThat(plugin.extensions()).containsExactlyInAnyOrder(CronConfig.class.getName(), CronScheduler.class.getName());
            assertThat(host.configExtensions().contributions()).singleElement()
                    .satisfies(c -> assertThat(c.serviceKeys()).contains("schedule", "cron_restart"));

            ConfigLoader loader = new ConfigLoader(Map.of(), host.configExtensions());
            DaemonConfig config = loader.loadText("""
                    services:
                      - name: report
                        command: ["/bin/report"]
                        schedule: "*/10 * * * * ?"
                        schedule_format: quartz
                        timezone: Europe/Paris
                    """, "ppm.yml");
            assertThat(config.services().getFirst().autostart()).as("a scheduled service waits for its time").isFalse();
            assertThatThrownBy(() -> loader.loadText("""
                    services:
                      - name: report
                        command: ["/bin/report"]
                        schedule: "*/10 * * * * ?"
                    """, "ppm.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessageStartingWith("ppm.yml:2:5: service 'report': schedule: invalid unix cron expression");
            assertThatThrownBy(() -> loader.loadText("""
                    services:
                      - name: report
                        command: ["/bin/report"]
                        timezone: Mars/Olympus
                    """, "ppm.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("ppm.yml:4:5: service 'report' timezone: unknown time zone 'Mars/Olympus' (use e.g. UTC, Europe/Paris)");
        }
    }
}
