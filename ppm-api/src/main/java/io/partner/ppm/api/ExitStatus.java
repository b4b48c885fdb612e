package io.partner.ppm.api;

/**
 * How a process ended: either it exited with a code, or a signal killed it. The two are never
 * confused: a process killed by SIGTERM is {@code signal=15, exitCode=-1}; one that called
 * {@code exit(143)} is {@code exitCode=143, signal=0}.
 *
 * @param exitCode the exit code (0-255), or -1 when the process was killed by a signal
 * @param signal the number of the signal that killed the process, or 0 when it exited
 * @param coreDumped whether the kernel wrote a core dump
 */
public record ExitStatus(int exitCode, int signal, boolean coreDumped) {

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0, false);
    }

    public static ExitStatus killed(int signal, boolean coreDumped) {
        return new ExitStatus(-1, signal, coreDumped);
    }

    public boolean isSignal() {
        return signal != 0;
    }

    /** The signal's name ({@code TERM}), or null when the process exited. */
    public String signalName() {
        return signal == 0 ? null : Signal.nameOf(signal);
    }

    /** The code a shell would report: the exit code, or 128 + the signal number. */
    public int shellCode() {
        return isSignal() ? 128 + signal : exitCode;
    }

    /** {@code exit code 3} or {@code killed by SIGKILL}. */
    public String describe() {
        if (isSignal()) {
            return "killed by SIG" + Signal.nameOf(signal) + (coreDumped ? " (core dumped)" : "");
        }
        return "exit code " + exitCode;
    }
}
