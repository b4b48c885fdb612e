package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.management.PluginInfo;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Tells the daemon's log what changed in the plugin list since the last look: a plugin loaded,
 * disabled, failed (with its error) or unloaded. The first look reports every plugin there is.
 *
 * <p>It goes through the daemon's own message channel, so a plugin that fails to load is reported in
 * the daemon's output format, next to the services' lines, and not only by the JDK's logger.
 */
public final class PluginChangeReport {

    private final Consumer<String> log;
    private Map<String, PluginInfo> previous = Map.of();

    /** @param log where each one-line message goes */
    public PluginChangeReport(Consumer<String> log) {
        this.log = log;
    }

    /** Reports what differs between {@code plugins} and the list of the previous call. */
    public synchronized void report(List<PluginInfo> plugins) {
        Map<String, PluginInfo> current = new LinkedHashMap<>();
        plugins.forEach(plugin -> current.put(plugin.path(), plugin));
        previous.forEach((path, plugin) -> {
            if (!current.containsKey(path)) {
                log.accept("plugin " + plugin.id() + " unloaded (" + path + ")");
            }
        });
        current.forEach((path, plugin) -> {
            if (!plugin.equals(previous.get(path))) {
                log.accept(describe(plugin));
            }
        });
        previous = current;
    }

    /** One line on a plugin as it is now. */
    static String describe(PluginInfo plugin) {
        String name = "plugin " + plugin.id() + (plugin.version().isEmpty() ? "" : " " + plugin.version());
        return switch (plugin.state()) {
            case LoadedPlugin.STARTED -> name + " loaded from " + plugin.path() + " with "
                    + plugin.extensions().size() + " extension(s)";
            case LoadedPlugin.DISABLED -> name + " not started: disabled by daemon.plugins.disabled (" + plugin.path() + ")";
            case LoadedPlugin.FAILED -> name + " (" + plugin.path() + ") "
                    + (plugin.error().startsWith(PluginHost.FAILED_WHILE_RUNNING) ? "" : "failed to load: ") + plugin.error();
            default -> name + " is " + plugin.state() + " (" + plugin.path() + ")";
        };
    }
}
