package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.ConfigContribution;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * A plugin's configuration contribution as the configuration loader and the host call it: its keys and
 * sections read once at load, every other call run on the plugin's thread with a deadline. A
 * RuntimeException thrown by the plugin is its answer (the value is refused, with its message); an
 * Error or an overrun fails the plugin and refuses the value with the reason.
 */
record GuardedContribution(String pluginId, ConfigContribution delegate, Set<String> serviceKeys, Set<String> sections,
                           PluginCalls calls, Duration deadline) implements ConfigContribution {

    GuardedContribution {
        serviceKeys = Set.copyOf(serviceKeys);
        sections = Set.copyOf(sections);
    }

    @Override
    public void validateServiceKey(String service, String key, Object value) {
        ask("validateServiceKey(" + key + ")", () -> {
            delegate.validateServiceKey(service, key, value);
            return null;
        });
    }

    @Override
    public void validateSection(String section, Object value) {
        ask("validateSection(" + section + ")", () -> {
            delegate.validateSection(section, value);
            return null;
        });
    }

    @Override
    public ServiceSpec adjust(ServiceSpec spec) {
        ServiceSpec adjusted = ask("adjust(" + spec.name() + ")", () -> delegate.adjust(spec));
        return adjusted == null ? spec : adjusted;
    }

    /** Hands the sections over; any failure, an exception included, fails the plugin. */
    @Override
    public void configure(Map<String, Object> own) {
        try {
            calls.call("configure", deadline, () -> {
                delegate.configure(own);
                return null;
            });
        } catch (PluginCalls.PluginFault fault) {
            if (!fault.pluginGone()) {
                calls.fail(fault.getMessage());
            }
        }
    }

    private <T> T ask(String what, Callable<T> code) {
        try {
            return calls.call(what, deadline, code);
        } catch (PluginCalls.PluginFault fault) {
            if (fault.getCause() instanceof RuntimeException answer) {
                throw answer;
            }
            if (!fault.pluginGone()) {
                calls.fail(fault.getMessage());
            }
            throw new IllegalArgumentException("plugin " + pluginId + " could not check it: " + fault.getMessage());
        }
    }
}
