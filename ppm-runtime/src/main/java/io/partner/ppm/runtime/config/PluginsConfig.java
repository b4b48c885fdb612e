package io.partner.ppm.runtime.config;

import java.util.List;

/** {@code daemon.plugins}: the plugin folder (relative paths resolve against the installation) and plugin ids not to load. */
public record PluginsConfig(String dir, List<String> disabled) {

    public static final PluginsConfig DEFAULT = new PluginsConfig("plugins", List.of());

    public PluginsConfig {
        disabled = List.copyOf(disabled);
    }
}
