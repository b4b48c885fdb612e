package io.partner.ppm.runtime.plugin;

import java.nio.file.Path;
import java.util.Set;
import org.pf4j.JarPluginManager;
import org.pf4j.PluginStatusProvider;

/**
 * PF4J configured for PPM: plugins are jars with their descriptor in the manifest, and the
 * {@code daemon.plugins.disabled} list (not a {@code disabled.txt} in the plugin folder, which may be
 * read-only in a container) says which ids stay disabled.
 */
final class PpmPluginManager extends JarPluginManager {

    private final Set<String> disabledIds;

    PpmPluginManager(Path pluginsDir, Set<String> disabledIds) {
        // The fields of this subclass are not set yet while the super constructor runs initialize(),
        // which calls createPluginStatusProvider(): the provider reads disabledIds lazily through this.
        super(pluginsDir);
        this.disabledIds = Set.copyOf(disabledIds);
    }

    @Override
    protected PluginStatusProvider createPluginStatusProvider() {
        return new PluginStatusProvider() {
            @Override
            public boolean isPluginDisabled(String pluginId) {
                return disabledIds.contains(pluginId);
            }

            @Override
            public void disablePlugin(String pluginId) {
                throw new UnsupportedOperationException("plugins are disabled through daemon.plugins.disabled");
            }

            @Override
            public void enablePlugin(String pluginId) {
                throw new UnsupportedOperationException("plugins are enabled through daemon.plugins.disabled");
            }
        };
    }
}
