package io.partner.ppm.cli;

import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Parses and runs a command line with picocli. Only the command named first is built (every command
 * when none is named, for the help and for "did you mean"), so a run never reads the annotations of
 * commands it does not use.
 */
final class PicocliPath {

    private PicocliPath() {
    }

    static int run(Context context, String... args) {
        CommandLine line = new CommandLine(new Ppm());
        if (args.length > 0 && Commands.exists(args[0])) {
            line.addSubcommand(args[0], Commands.create(args[0], context));
        } else {
            for (String name : Commands.NAMES) {
                line.addSubcommand(name, Commands.create(name, context));
            }
        }
        line.setOut(context.out());
        line.setErr(context.err());
        line.setExecutionExceptionHandler((failure, command, parsed) -> ErrorPrinter.report(context.err(), failure));
        line.setParameterExceptionHandler((failure, arguments) -> {
            PrintWriter err = failure.getCommandLine().getErr();
            ErrorPrinter.print(err, message(failure) + suggestion(failure));
            err.println("Try '" + failure.getCommandLine().getCommandSpec().qualifiedName() + " --help' for more information.");
            return ExitCodes.USAGE;
        });
        return line.execute(args);
    }

    /** "unknown command 'lss'" reads better than picocli's "Unmatched argument at index 0". */
    private static String message(CommandLine.ParameterException failure) {
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched
                && failure.getCommandLine().getParent() == null
                && !unmatched.getUnmatched().isEmpty()
                && !unmatched.getUnmatched().getFirst().startsWith("-")) {
            return "unknown command '" + unmatched.getUnmatched().getFirst() + "'";
        }
        return ErrorPrinter.oneLine(failure);
    }

    /** Picocli's "did you mean" for a mistyped command or option, as part of the one error line. */
    private static String suggestion(CommandLine.ParameterException failure) {
        if (failure instanceof CommandLine.UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            return " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        return "";
    }
}
