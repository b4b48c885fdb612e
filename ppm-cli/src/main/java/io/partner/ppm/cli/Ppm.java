package io.partner.ppm.cli;

import io.partner.ppm.cli.output.Style;
import io.partner.ppm.runtime.DaemonMain;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ppm}: the command line of PPM. Every command is a client of the daemon's MXBeans (over
 * Jolokia or JMX RMI), except {@code daemon}, which runs the daemon, and {@code version}.
 *
 * <p>Errors are one line on stderr, printed by {@link ErrorPrinter}; the exit codes are decided in
 * {@link ExitCodes}.
 */
@Command(name = "ppm",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Runs and supervises the processes of a container, and drives a running PPM daemon.",
        footer = {"", "Exit codes: 0 done, 1 the operation failed, 2 usage error, 3 no daemon reachable.",
            "Environment: PPM_URL (daemon URL), PPM_RUNTIME_FILE, PPM_PASSWORD, NO_COLOR."})
public final class Ppm implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        if (runsTheDaemonHere(args)) {
            // Before anything can take time (picocli alone takes 100-200 ms): a SIGTERM to PID 1 must never be lost.
            DaemonMain.takeOverSignals();
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Map<String, String> env = System.getenv();
        int code = run(new Context(env, out, err, Style.detect(env)), args);
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** {@code ppm daemon ...} without {@code --detach}: this process becomes the daemon. */
    static boolean runsTheDaemonHere(String[] args) {
        if (args.length == 0 || !args[0].equals("daemon")) {
            return false;
        }
        for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
            if (args[i].equals("--detach")) {
                return false;
            }
        }
        return true;
    }

    /** Runs one command line and returns its exit code; never throws. */
    public static int run(Context context, String... args) {
        try {
            Integer quick = QuickPath.tryRun(context, args);
            return quick != null ? quick : PicocliPath.run(context, args);
        } finally {
            context.out().flush();
            context.err().flush();
        }
    }

    /** Without a command: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCodes.USAGE;
    }
}
