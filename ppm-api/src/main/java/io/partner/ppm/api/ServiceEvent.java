package io.partner.ppm.api;

/**
 * Something that happened to a service. Events are delivered in the order they happened, for each
 * service, on the daemon's event thread (never on the supervisor loop itself).
 *
 * @param type what happened
 * @param service the service name
 * @param previous the state before, or null when the state did not change
 * @param state the state after
 * @param exit how the process ended, for {@link Type#FINISHED} and {@link Type#CRASHED}; else null
 * @param restarts consecutive restarts so far
 * @param nextRestartAt for {@link Type#RESTART_SCHEDULED}: epoch milliseconds of the restart
 * @param message a one-line human description
 * @param timestamp epoch milliseconds
 */
public record ServiceEvent(
        Type type,
        String service,
        ServiceState previous,
        ServiceState state,
        ExitStatus exit,
        int restarts,
        long nextRestartAt,
        String message,
        long timestamp) {

    /** The kinds of event. New kinds may be added; listeners should ignore kinds they do not know. */
    public enum Type {
        /** The service was added (from the configuration, a reload, {@code ppm add} or a plugin). */
        ADDED,
        /** A process was started for the service (first start or on request). */
        STARTED,
        /** A process was started again automatically after the service crashed (or ended under {@code always}). */
        RESTARTED,
        /** The process ended normally. */
        FINISHED,
        /** The process ended abnormally, or could not be started. */
        CRASHED,
        /** The process was paused by a stop signal. */
        PAUSED,
        /** The process was continued after a pause. */
        RESUMED,
        /** An automatic restart is scheduled at {@code nextRestartAt}. */
        RESTART_SCHEDULED,
        /** The restart budget is exhausted; the service stays crashed. */
        GAVE_UP,
        /** The definition changed through a reload; the service is restarted with the new one. */
        CHANGED,
        /** The service was removed. */
        REMOVED
    }

    public boolean stateChanged() {
        return previous != null && previous != state;
    }
}
