package io.partner.ppm.api;

/**
 * The five states of a service.
 *
 * <ul>
 *   <li>{@link #CREATED}: defined, not yet handled by the daemon (or waiting for its dependencies).</li>
 *   <li>{@link #RUNNING}: live and executing.</li>
 *   <li>{@link #FINISHED}: ended normally: a success exit code, or killed by SIGTERM (which includes
 *       being stopped on request).</li>
 *   <li>{@link #STOPPED}: paused by a stop signal (SIGSTOP, SIGTSTP, ...); SIGCONT brings it back to
 *       {@link #RUNNING}.</li>
 *   <li>{@link #CRASHED}: a non-success exit code, killed by any other signal, or a command that could
 *       not be started.</li>
 * </ul>
 */
public enum ServiceState {
    CREATED("Created"),
    RUNNING("Running"),
    FINISHED("Finished"),
    STOPPED("Stopped"),
    CRASHED("Crashed");

    private final String label;

    ServiceState(String label) {
        this.label = label;
    }

    /** The name users see: {@code Running}, {@code Crashed}, ... */
    public String label() {
        return label;
    }

    /** True while a process exists for the service (running or paused). */
    public boolean isAlive() {
        return this == RUNNING || this == STOPPED;
    }
}
