package io.partner.ppm.cli;

import picocli.CommandLine;

/** The one place that decides the exit code of every outcome of a {@code ppm} command. */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** The operation failed: unknown service, the daemon refused, invalid input. */
    public static final int FAILED = 1;
    /** The command line is wrong. */
    public static final int USAGE = 2;
    /** No daemon reachable. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {
    }

    public static int of(Throwable failure) {
        // Plain instanceof tests, our own types first: a type switch would load picocli's classes
        // even on the quick path that never uses picocli.
        if (failure instanceof CliException.Unreachable) {
            return UNREACHABLE;
        }
        if (failure instanceof CliException.Usage) {
            return USAGE;
        }
        if (failure instanceof CliException) {
            return FAILED;
        }
        return failure instanceof CommandLine.ParameterException ? USAGE : FAILED;
    }
}
