package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.spi.ServiceEventListener;

/** A plugin's event listener whose failures are logged instead of reaching the daemon's event thread. */
record GuardedListener(String pluginId, ServiceEventListener delegate) implements ServiceEventListener {

    @Override
    public void onEvent(ServiceEvent event) {
        try {
            delegate.onEvent(event);
        } catch (RuntimeException | LinkageError e) {
            PluginHost.LOG.log(System.Logger.Level.WARNING, "plugin " + pluginId + ": event listener "
                    + delegate.getClass().getName() + " failed on " + event.type() + " of " + event.service() + ": " + e);
        }
    }
}
