package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.DaemonExtension;
import io.partner.ppm.api.spi.RestartPolicy;
import io.partner.ppm.api.spi.ServiceEventListener;
import java.util.ArrayList;
import java.util.List;

/**
 * The extensions of one plugin, sorted by extension point. There is one instance per extension class:
 * a class that implements several points (a notifier that is both a {@link ConfigContribution} and a
 * {@link ServiceEventListener}) is the same object in each list, so it sees its own configuration.
 */
record PluginExtensions(
        List<String> classNames,
        List<ConfigContribution> contributions,
        List<RestartPolicy> restartPolicies,
        List<ServiceEventListener> listeners,
        List<DaemonExtension> daemonExtensions) {

    static final PluginExtensions NONE = new PluginExtensions(List.of(), List.of(), List.of(), List.of(), List.of());

    static PluginExtensions of(List<?> instances) {
        List<String> names = new ArrayList<>();
        List<ConfigContribution> contributions = new ArrayList<>();
        List<RestartPolicy> policies = new ArrayList<>();
        List<ServiceEventListener> listeners = new ArrayList<>();
        List<DaemonExtension> extensions = new ArrayList<>();
        for (Object instance : instances) {
            names.add(instance.getClass().getName());
            if (instance instanceof ConfigContribution c) {
                contributions.add(c);
            }
            if (instance instanceof RestartPolicy p) {
                policies.add(p);
            }
            if (instance instanceof ServiceEventListener l) {
                listeners.add(l);
            }
            if (instance instanceof DaemonExtension d) {
                extensions.add(d);
            }
        }
        return new PluginExtensions(List.copyOf(names), List.copyOf(contributions), List.copyOf(policies),
                List.copyOf(listeners), List.copyOf(extensions));
    }
}
