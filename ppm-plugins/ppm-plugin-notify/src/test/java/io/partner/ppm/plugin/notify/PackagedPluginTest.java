package io.partner.ppm.plugin.notify;

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

/** The compiled plugin, in a jar, loads into a real plugin host as section owner, listener and daemon extension. */
class PackagedPluginTest {

    @TempDir
    Path plugins;

    @Test
    void pluginLoadsAndOwnsTheNotifySection() throws IOException, ConfigException {
        PluginJars.fromClasses(PluginJars.moduleClasses(), "notify", "1.0.0", plugins.resolve("notify.jar"));

        try (PluginHost host = new PluginHost(plugins, List.of())) {
            host.loadAll();

            PluginInfo plugin = host.plugins().getFirst();
            assertThat(plugin.state()).as(plugin.error()).isEqualTo("STARTED");
            assertThat(plugin.extensions()).containsExactly(Notifier.class.getName());
            assertThat(host.eventListeners()).hasSize(1);
            assertThat(host.configExtensions().contributions()).singleElement()
                    .satisfies(c -> assertThat(c.sections()).containsExactly("notify"));

            ConfigLoader loader = new ConfigLoader(Map.of(), host.configExtensions());
            DaemonConfig config = loader.loadText("""
                    notify:
                      targets:
                        - url: http://127.0.0.1:9/hook
                          slack: true
                    """, "ppm.yml");
            assertThat(config.sections()).containsKey("notify");
            assertThatThrownBy(() -> loader.loadText("""
                    notify:
                      targets:
                        - url: ftp://127.0.0.1/hook
                    """, "ppm.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("ppm.yml:1:1: notify: targets[0].url: 'ftp://127.0.0.1/hook' is not an http:// or https:// URL");
            assertThatThrownBy(() -> loader.loadText("notifx: {}\n", "ppm.yml"))
                    .isInstanceOf(ConfigException.class)
                    .hasMessage("ppm.yml:1:1: unknown top-level key 'notifx' (did you mean 'notify'?)");
        }
    }
}
