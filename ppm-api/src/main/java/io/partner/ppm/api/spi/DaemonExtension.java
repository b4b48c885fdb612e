package io.partner.ppm.api.spi;

import org.pf4j.ExtensionPoint;

/**
 * A long-lived part of the daemon contributed by a plugin: it is started with a
 * {@link SupervisorContext} once the daemon is up and stopped before the daemon shuts down or the
 * plugin is unloaded.
 */
public interface DaemonExtension extends ExtensionPoint {

    /** Called once the daemon runs. Must return quickly; schedule work on {@link SupervisorContext#scheduler()}. */
    void start(SupervisorContext context);

    /** Releases everything {@link #start} acquired (timers, sockets, subscriptions, MBeans). */
    default void stop() {
    }
}
