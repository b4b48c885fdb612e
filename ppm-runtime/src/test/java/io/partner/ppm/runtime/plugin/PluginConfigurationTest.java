package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.runtime.config.ConfigException;
import io.partner.ppm.runtime.config.ConfigExtensions;
import io.partner.ppm.runtime.config.ConfigLoader;
import io.partner.ppm.runtime.config.DaemonConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A configuration read with the keys, sections and restart policies of a real plugin jar. */
class PluginConfigurationTest {

    @TempDir
    Path scratch;
    private PluginHost host;
    private ConfigLoader loader;

    @BeforeEach
    void setUp() throws IOException {
        Path plugins = Files.createDirectory(scratch.resolve("plugins"));
        TestPlugins.probe(scratch, plugins.resolve("probe.jar"), 1);
        host = new PluginHost(plugins, List.of());
        host.loadAll();
        loader = new ConfigLoader(Map.of(), host.configExtensions());
    }

    @AfterEach
    void tearDown() {
        host.close();
    }

    @Test
    void pluginOwnedKeySectionAndPolicyAreAccepted() throws ConfigException {
        DaemonConfig config = loader.loadText("""
                probe: hello
                services:
                  - name: web
                    command: ["/bin/web"]
                    restart: probe
                    probe_key: "yes"
                """, "ppm.yml");

        assertThat(config.services().getFirst().extensions()).containsEntry("probe_key", "yes");
        assertThat(config.services().getFirst().restart()).isEqualTo("probe");
        assertThat(config.sections()).containsEntry("probe", "hello");
    }

    @Test
    void keyNoPluginOwnsIsStillRejected() {
        assertThatThrownBy(() -> loader.loadText("""
                services:
                  - name: web
                    command: ["/bin/web"]
                    probe_kee: "yes"
                """, "ppm.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ppm.yml:4:5: unknown key 'probe_kee'")
                .hasMessageContaining("probe_key");
    }

    @Test
    void pluginValidationErrorCarriesTheLocation() {
        assertThatThrownBy(() -> loader.loadText("""
                services:
                  - name: web
                    command: ["/bin/web"]
                    probe_key: 42
                """, "ppm.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("ppm.yml:4:5: service 'web' probe_key: expected a string");
    }

    @Test
    void withoutThePluginItsKeysAreUnknown() {
        ConfigLoader bare = new ConfigLoader(Map.of(), ConfigExtensions.NONE);

        assertThatThrownBy(() -> bare.loadText("""
                services:
                  - name: web
                    command: ["/bin/web"]
                    probe_key: "yes"
                """, "ppm.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("ppm.yml:4:5: unknown key 'probe_key'");
        assertThatThrownBy(() -> bare.loadText("""
                services:
                  - name: web
                    command: ["/bin/web"]
                    restart: probe
                """, "ppm.yml"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("probe");
    }

    @Test
    void loadedSectionsReachThePlugin() throws ConfigException {
        RecordingSupervisorContext daemon = new RecordingSupervisorContext();
        try (daemon) {
            host.startExtensions(daemon);
            DaemonConfig config = loader.loadText("probe: from-the-file\n", "ppm.yml");

            host.configure(config.sections());

            assertThat(daemon.detail("probe", "configured")).isEqualTo("from-the-file");
        }
    }
}
