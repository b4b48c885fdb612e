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
        return switch (failure) {
            case CliException.Usage usage -> USAGE;
            case CommandLine.ParameterException parameters -> USAGE;
            case CliException.Unreachable unreachable -> UNREACHABLE;
            default -> FAILED;
        };
    }
}
