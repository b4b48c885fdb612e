package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.management.PluginInfo;
import java.nio.file.Path;

/**
 * What the host knows about one jar of the plugin folder: the plugin it holds (or why it could not be
 * loaded), its PF4J state and its extensions.
 *
 * @param path the jar
 * @param stamp the jar's size and time when it was loaded
 * @param id the plugin id, or the file name when the jar has no readable descriptor
 * @param version the plugin version, or empty
 * @param state PF4J's state name: STARTED, DISABLED or FAILED
 * @param error why the plugin failed, or null
 * @param extensions its extensions (none unless STARTED)
 * @param context the context its daemon extensions were started with, or null when not started
 * @param calls the threads its code runs on, or null when it never ran
 */
record LoadedPlugin(
        Path path,
        JarStamp stamp,
        String id,
        String version,
        String state,
        String error,
        PluginExtensions extensions,
        PluginContext context,
        PluginCalls calls) {

    static final String STARTED = "STARTED";
    static final String DISABLED = "DISABLED";
    static final String FAILED = "FAILED";

    boolean started() {
        return STARTED.equals(state);
    }

    LoadedPlugin withContext(PluginContext value) {
        return new LoadedPlugin(path, stamp, id, version, state, error, extensions, value, calls);
    }

    /** The same jar, FAILED with {@code reason}, contributing nothing any more. */
    LoadedPlugin failedWith(String reason) {
        return new LoadedPlugin(path, stamp, id, version, FAILED, reason, PluginExtensions.NONE, null, null);
    }

    PluginInfo info() {
        return new PluginInfo(id, version, state, extensions.classNames(), error, path.toString());
    }
}
