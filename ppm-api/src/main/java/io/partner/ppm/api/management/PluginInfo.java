package io.partner.ppm.api.management;

import java.util.List;

/**
 * A plugin as {@code ppm plugins} shows it.
 *
 * @param id the plugin id
 * @param version its version
 * @param state PF4J's state: {@code STARTED}, {@code DISABLED}, {@code FAILED}, ...
 * @param extensions the class names of the extensions it contributes
 * @param error why it failed to load, or null
 * @param path the jar or folder it came from
 */
public record PluginInfo(String id, String version, String state, List<String> extensions, String error, String path) {

    public PluginInfo {
        extensions = extensions == null ? List.of() : List.copyOf(extensions);
    }
}
