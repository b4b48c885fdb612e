package io.partner.ppm.runtime.process;

import io.partner.ppm.api.ExitStatus;
import java.util.Locale;
import java.util.Objects;

/**
 * A state change of a child process, as the kernel reported it to the reaper.
 *
 * @param pid the child's process id
 * @param kind what happened
 * @param status the exit code for {@link Kind#EXITED}; otherwise the number of the signal that
 *     killed, stopped or continued the child
 */
public record ChildEvent(long pid, Kind kind, int status) {

    /** What happened to the child. */
    public enum Kind {
        /** It called {@code exit}; {@code status} is the exit code (0-255). */
        EXITED,
        /** A signal killed it; {@code status} is the signal. */
        KILLED,
        /** A signal killed it and the kernel wrote a core dump; {@code status} is the signal. */
        DUMPED,
        /** A signal (SIGSTOP, SIGTSTP, ...) stopped it; {@code status} is the signal. It still exists. */
        STOPPED,
        /** SIGCONT resumed it after a stop; {@code status} is SIGCONT. */
        CONTINUED
    }

    public ChildEvent {
        Objects.requireNonNull(kind, "kind");
    }

    /** True when the process is gone: it exited or a signal killed it. */
    public boolean isTermination() {
        return kind == Kind.EXITED || kind == Kind.KILLED || kind == Kind.DUMPED;
    }

    /**
     * How the process ended.
     *
     * @throws IllegalStateException for a {@link Kind#STOPPED} or {@link Kind#CONTINUED} event, after
     *     which the process still runs
     */
    public ExitStatus toExitStatus() {
        return switch (kind) {
            case EXITED -> ExitStatus.exited(status);
            case KILLED -> ExitStatus.killed(status, false);
            case DUMPED -> ExitStatus.killed(status, true);
            case STOPPED, CONTINUED -> throw new IllegalStateException(
                    "process " + pid + " was " + kind.name().toLowerCase(Locale.ROOT) + ", it has not ended");
        };
    }
}
