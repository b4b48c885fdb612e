package io.partner.ppm.api.spi;

import io.partner.ppm.api.ServiceEvent;
import org.pf4j.ExtensionPoint;

/**
 * Receives every service event (notifications, metrics, ...). Runs on the daemon's event thread, in
 * order: return quickly, never block.
 */
public interface ServiceEventListener extends ExtensionPoint {

    void onEvent(ServiceEvent event);
}
