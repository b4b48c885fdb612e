package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.DaemonExtension;
import io.partner.ppm.api.spi.RestartPolicy;
import io.partner.ppm.api.spi.ServiceEventListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The extensions of one plugin, sorted by extension point, as the daemon uses them: configuration
 * contributions, restart policies and listeners come wrapped so that each call runs on the plugin's
 * threads with a deadline ({@link PluginCalls}); daemon extensions are started and stopped by the host
 * through the same threads. There is one instance per extension class: a class that implements several
 * points (a notifier that is both a {@link ConfigContribution} and a {@link ServiceEventListener}) is
 * the same object behind each wrapper, so it sees its own configuration.
 */
record PluginExtensions(
        List<String> classNames,
        List<GuardedContribution> contributions,
        List<GuardedRestartPolicy> restartPolicies,
        List<GuardedListener> listeners,
        List<DaemonExtension> daemonExtensions) {

    static final PluginExtensions NONE = new PluginExtensions(List.of(), List.of(), List.of(), List.of(), List.of());

    /**
     * Sorts and wraps the plugin's extension instances. Runs on the plugin's thread: the names and keys
     * read here ({@code name()}, {@code serviceKeys()}, {@code sections()}) are plugin code too, read
     * once and kept.
     */
    static PluginExtensions of(String pluginId, List<?> instances, PluginCalls calls, PluginDeadlines deadlines) {
        List<String> names = new ArrayList<>();
        List<GuardedContribution> contributions = new ArrayList<>();
        List<GuardedRestartPolicy> policies = new ArrayList<>();
        List<GuardedListener> listeners = new ArrayList<>();
        List<DaemonExtension> extensions = new ArrayList<>();
        for (Object instance : instances) {
            names.add(instance.getClass().getName());
            if (instance instanceof ConfigContribution c) {
                contributions.add(new GuardedContribution(pluginId, c, c.serviceKeys(), c.sections(), calls, deadlines.call()));
            }
            if (instance instanceof RestartPolicy p) {
                policies.add(new GuardedRestartPolicy(pluginId, p.name(), p, calls, deadlines.decision()));
            }
            if (instance instanceof ServiceEventListener l) {
                listeners.add(new GuardedListener(pluginId, l, calls));
            }
            if (instance instanceof DaemonExtension d) {
                extensions.add(d);
            }
        }
        return new PluginExtensions(List.copyOf(names), List.copyOf(contributions), List.copyOf(policies),
                List.copyOf(listeners), List.copyOf(extensions));
    }
}
