package io.partner.ppm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * The one place that prints a {@code ppm} error: one line on stderr, {@code ppm: } and what went
 * wrong, never a stack trace. Which exit code goes with it is decided by {@link ExitCodes}.
 */
public final class ErrorPrinter {

    private static final String PREFIX = "ppm: ";

    private ErrorPrinter() {
    }

    /** Prints the failure as one line and returns the exit code that goes with it. */
    public static int report(PrintWriter err, Throwable failure) {
        print(err, oneLine(failure));
        return ExitCodes.of(failure);
    }

    /** Prints one error line. */
    public static void print(PrintWriter err, String message) {
        err.println(PREFIX + message);
    }

    /**
     * The first line of the failure's message; for a failure that is not a user's mistake
     * ({@link CliException}, a picocli usage error) also its kind, marked as internal.
     */
    static String oneLine(Throwable failure) {
        String message = failure.getMessage();
        if (!(failure instanceof CliException) && !(failure instanceof CommandLine.ParameterException)) {
            message = "internal error: " + failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        }
        if (message == null) {
            return failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
