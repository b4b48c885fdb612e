package io.partner.ppm.cli;

import io.partner.ppm.cli.command.QuickRunnable;

/**
 * Runs the commands people and scripts call most often ({@code ls}, {@code info}, {@code stats},
 * {@code version}) without picocli when their command line is plain: only {@code --json},
 * {@code --url}, {@code --user} and at most one service name. Picocli costs about 120-200 ms of CPU
 * to load on every run (its classes are Java 5 bytecode, which the JVM can neither put in an AOT
 * cache nor verify quickly), which is most of a {@code ppm ls}. Anything else, including every help
 * request and every mistake, goes through picocli as usual, so help and error messages stay the
 * same; the command classes themselves are shared by both paths.
 */
final class QuickPath {

    private QuickPath() {
    }

    /** The exit code, or null when this command line is not one the quick path handles. */
    static Integer tryRun(Context context, String[] args) {
        if (args.length == 0 || !(args[0].equals("ls") || args[0].equals("info") || args[0].equals("stats")
                || args[0].equals("version"))) {
            return null;
        }
        String url = null;
        String user = null;
        String name = null;
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--json")) {
                json = true;
            } else if (arg.equals("--url") && i + 1 < args.length && url == null) {
                url = args[++i];
            } else if (arg.startsWith("--url=") && url == null) {
                url = arg.substring("--url=".length());
            } else if (arg.equals("--user") && i + 1 < args.length && user == null) {
                user = args[++i];
            } else if (arg.startsWith("--user=") && user == null) {
                user = arg.substring("--user=".length());
            } else if (!arg.startsWith("-") && name == null && !args[0].equals("ls") && !args[0].equals("version")) {
                name = arg;
            } else {
                return null;
            }
        }
        if (args[0].equals("version") && (url != null || user != null)) {
            return null;
        }
        QuickRunnable command = (QuickRunnable) Commands.create(args[0], context);
        try {
            return command.runQuick(url, user, json, name);
        } catch (RuntimeException | InterruptedException failure) {
            context.err().println("ppm: " + Ppm.oneLine(failure));
            return ExitCodes.of(failure);
        }
    }
}
