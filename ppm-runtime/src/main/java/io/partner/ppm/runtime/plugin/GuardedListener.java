package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.spi.ServiceEventListener;

/**
 * A plugin's event listener as the daemon calls it: the event is handed to the plugin's own thread
 * and the caller (the daemon's event thread) returns at once. A listener that throws, overruns its
 * deadline or falls behind fails its plugin ({@link PluginCalls}); the other listeners never notice.
 */
record GuardedListener(String pluginId, ServiceEventListener delegate, PluginCalls calls) implements ServiceEventListener {

    @Override
    public void onEvent(ServiceEvent event) {
        calls.post("event listener " + delegate.getClass().getName() + " on " + event.type() + " of " + event.service(),
                () -> delegate.onEvent(event));
    }
}
