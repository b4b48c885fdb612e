package io.partner.ppm.runtime.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code daemon.plugins}: the plugin folder (relative paths resolve against the installation) and plugin ids not to load. */
public record PluginsConfig(String dir, List<String> disabled) {

    public static final PluginsConfig DEFAULT = new PluginsConfig("plugins", List.of());

    public PluginsConfig {
        disabled = List.copyOf(disabled);
    }

    /**
     * Reads only {@code daemon.plugins} of a file, before the plugins that the full load needs (to know
     * their keys) are loaded. Anything unreadable here gives the defaults: the full load that follows
     * reports the mistake with its location.
     */
    public static PluginsConfig peek(Path file) {
        try {
            // Read with the same bounds as the full load, so a hostile file is refused there, not here.
            JsonNode plugins = new YAMLMapper(YamlLimits.FACTORY).readTree(ConfigLoader.readFile(file))
                    .path("daemon").path("plugins");
            String dir = plugins.path("dir").isTextual() ? plugins.path("dir").asText() : DEFAULT.dir();
            List<String> disabled = new ArrayList<>();
            plugins.path("disabled").forEach(id -> disabled.add(id.asText()));
            return new PluginsConfig(dir, disabled);
        } catch (ConfigException | IOException | RuntimeException unreadable) {
            return DEFAULT;
        }
    }

    /** The folder: absolute as written, else under {@code installation} (or {@code workingDirectory} without one). */
    public Path resolve(Path installation, Path workingDirectory) {
        Path base = installation != null ? installation : workingDirectory;
        return base.resolve(dir).normalize();
    }
}
