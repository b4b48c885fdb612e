package io.partner.ppm.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.plugin.testkit.PluginJars;
import io.partner.ppm.runtime.plugin.PluginHost;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compiled plugin, in a jar, loads into a real plugin host as section owner, listener and daemon extension. */
class PackagedPluginTest {

    @TempDir
    Path plugins;

    @Test
    void pluginLoadsWithItsSectionAndListener() throws IOException {
        PluginJars.fromClasses(PluginJars.moduleClasses(), "notify", "1.0.0", plugins.resolve("notify.jar"));

        try (PluginHost host = new PluginHost(plugins, List.of())) {
            host.loadAll();

            PluginInfo plugin = host.plugins().getFirst();
            assertThat(plugin.state()).as(plugin.error()).isEqualTo("STARTED");
            assertThat(plugin.extensions()).containsExactly(Notifier.class.getName());
            assertThat(host.eventListeners()).hasSize(1);
            assertThat(host.configExtensions().contributions()).singleElement()
                    .satisfies(c -> assertThat(c.sections()).containsExactly("notify"));
        }
    }
}
