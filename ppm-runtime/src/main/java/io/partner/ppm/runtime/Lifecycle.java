package io.partner.ppm.runtime;

/**
 * Where a daemon is in its life: starting, running, or stopping. A shutdown or a reload asked for
 * while it is still starting (the main command ended at once, a signal came early, {@code ppm
 * shutdown}) is remembered and begun by start-up itself once it is over. So start-up never hands work
 * to a timer that the shutdown has already closed, and the shutdown stops everything start-up
 * started. Thread-safe.
 */
final class Lifecycle {

    /** What was asked for while the daemon was starting: a shutdown (with its exit code) or a reload. */
    record Due(Integer shutdownCode, boolean reload) {
    }

    private boolean running;
    private boolean stopping;
    private boolean reloadDue;
    private int exitCode;

    /**
     * Asks for the shutdown; the first request's exit code counts.
     *
     * @return true when the caller begins the shutdown now; false when one is under way, or when
     *     start-up will begin it as soon as it is over
     */
    synchronized boolean requestShutdown(int code) {
        if (stopping) {
            return false;
        }
        stopping = true;
        exitCode = code;
        return running;
    }

    synchronized boolean stopping() {
        return stopping;
    }

    /** @return true when the caller reloads now; false while starting (start-up reloads when it is over) */
    synchronized boolean requestReload() {
        if (!running) {
            reloadDue = true;
        }
        return running;
    }

    /** Start-up is over: what was asked for meanwhile, which the caller now carries out. */
    synchronized Due started() {
        running = true;
        return new Due(stopping ? exitCode : null, reloadDue && !stopping);
    }
}
