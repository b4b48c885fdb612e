package io.partner.ppm.cli;

import io.partner.ppm.cli.command.ConnectionOptions;
import io.partner.ppm.cli.command.JsonOption;
import io.partner.ppm.cli.command.QuickArguments;
import io.partner.ppm.cli.command.QuickRunnable;

/**
 * Runs the commands people and scripts call most often (those that are {@link QuickRunnable}:
 * {@code ls}, {@code info}, {@code stats}, {@code version}) without picocli when their command line is
 * plain: only {@code --json}, {@code --url}, {@code --user} where the command has them, and at most one
 * service name where it takes one. Picocli costs about 120-200 ms of CPU to load on every run (its
 * classes are Java 5 bytecode, which the JVM can neither put in an AOT cache nor verify quickly), which
 * is most of a {@code ppm ls}. Anything else, including every help request and every mistake, goes
 * through picocli as usual, so help and error messages stay the same; the command classes and their
 * option names are shared by both paths.
 *
 * <p>No lambdas, pattern switches or regular expressions here: each would bootstrap
 * {@code java.lang.invoke} and cost more start-up than it saves (see docs/performance.md).
 */
final class QuickPath {

    private QuickPath() {
    }

    /** The exit code, or null when this command line is not one the quick path handles. */
    static Integer tryRun(Context context, String[] args) {
        if (args.length == 0 || !Commands.exists(args[0])
                || !(Commands.create(args[0], context) instanceof QuickRunnable command)) {
            return null;
        }
        QuickArguments arguments = read(command, args);
        if (arguments == null) {
            return null;
        }
        try {
            return command.runQuick(arguments);
        } catch (Exception failure) {
            return ErrorPrinter.report(context.err(), failure);
        }
    }

    /**
     * The options after the command's name, or null when one of them is not plain: an unknown or
     * repeated option, an option without its value, a NAME the command does not take or a second one.
     * {@code --url X} and {@code --url=X} are both read, as picocli does. A NAME goes to the command
     * as it is read.
     */
    static QuickArguments read(QuickRunnable command, String[] args) {
        boolean connects = command.connection() != null;
        String url = null;
        String user = null;
        boolean named = false;
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            int equals = arg.startsWith("--") ? arg.indexOf('=') : -1;
            String option = equals < 0 ? arg : arg.substring(0, equals);
            String attached = equals < 0 ? null : arg.substring(equals + 1);
            boolean hasValue = attached != null || i + 1 < args.length;
            if (arg.equals(JsonOption.NAME)) {
                json = true;
            } else if (connects && url == null && hasValue && option.equals(ConnectionOptions.URL)) {
                url = attached != null ? attached : args[++i];
            } else if (connects && user == null && hasValue && option.equals(ConnectionOptions.USER)) {
                user = attached != null ? attached : args[++i];
            } else if (!arg.startsWith("-") && !named && command.takeName(arg)) {
                named = true;
            } else {
                return null;
            }
        }
        return new QuickArguments(url, user, json);
    }
}
