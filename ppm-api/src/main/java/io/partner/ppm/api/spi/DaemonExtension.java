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

    /**
     * Releases what {@link #start} acquired outside the context (sockets, files, threads of its own).
     * What the {@link SupervisorContext} handed out (subscriptions, the scheduler, MBeans registered
     * through it, details) the daemon releases after this returns, also when this throws or overruns
     * its deadline; releasing it here as well does no harm.
     */
    default void stop() {
    }
}
