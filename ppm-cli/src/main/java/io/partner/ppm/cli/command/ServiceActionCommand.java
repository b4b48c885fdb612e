package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.ErrorPrinter;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * A command that does one thing to each named service ({@code all}: every service). A failure on
 * one name is reported and the others are still done; the exit code is then 1.
 */
public abstract class ServiceActionCommand implements Callable<Integer> {

    final Context context;

    @Mixin
    ConnectionOptions connection;

    @Parameters(arity = "1..*", paramLabel = "NAME", description = "Services, or 'all'.")
    List<String> names;

    ServiceActionCommand(Context context) {
        this.context = context;
    }

    abstract void apply(DaemonClient client, String name);

    /** What was done, for the confirmation line: {@code started}. */
    abstract String done();

    /** Whether {@code all} may be used. */
    boolean allowsAll() {
        return true;
    }

    @Override
    public Integer call() {
        try (DaemonClient client = connection.connect(context)) {
            return each(context, client, names, allowsAll(), this::apply, done());
        }
    }

    /**
     * Applies an action to each name ({@code all} expanded when allowed), printing a line per
     * service; returns 1 when any failed, else 0.
     */
    static int each(Context context, DaemonClient client, List<String> names, boolean allowsAll,
            BiConsumer<DaemonClient, String> action, String done) {
        List<String> targets = allowsAll && names.contains("all")
                ? client.services().stream().map(ServiceInfo::name).toList()
                : names;
        int exit = ExitCodes.OK;
        for (String name : targets) {
            try {
                action.accept(client, name);
                context.out().println(done + " " + name);
            } catch (CliException.OperationFailed e) {
                exit = ErrorPrinter.report(context.err(), e);
            }
        }
        return exit;
    }

    @Command(name = "start", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Start services that are not running.")
    public static final class Start extends ServiceActionCommand {
        public Start(Context context) {
            super(context);
        }

        @Override
        void apply(DaemonClient client, String name) {
            client.start(name);
        }

        @Override
        String done() {
            return "started";
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Stop services (their stop signal, then SIGKILL after their stop timeout); they are not restarted.")
    public static final class Stop extends ServiceActionCommand {
        public Stop(Context context) {
            super(context);
        }

        @Override
        public Integer call() {
            if (!names.contains("all")) {
                return super.call();
            }
            // One request: the stops go out together instead of one round trip (and loop turn) each.
            try (DaemonClient client = connection.connect(context)) {
                for (String name : client.stopAll()) {
                    context.out().println("stopped " + name);
                }
                return ExitCodes.OK;
            } catch (CliException.OperationFailed e) {
                context.err().println("ppm: " + e.getMessage());
                return ExitCodes.FAILED;
            }
        }

        @Override
        void apply(DaemonClient client, String name) {
            client.stop(name);
        }

        @Override
        String done() {
            return "stopped";
        }
    }

    @Command(name = "restart", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Stop services if running, then start them.")
    public static final class Restart extends ServiceActionCommand {
        public Restart(Context context) {
            super(context);
        }

        @Override
        void apply(DaemonClient client, String name) {
            client.restart(name);
        }

        @Override
        String done() {
            return "restarted";
        }
    }

    @Command(name = "pause", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Pause services with SIGSTOP.")
    public static final class Pause extends ServiceActionCommand {
        public Pause(Context context) {
            super(context);
        }

        @Override
        void apply(DaemonClient client, String name) {
            client.pause(name);
        }

        @Override
        String done() {
            return "paused";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Resume paused services with SIGCONT.")
    public static final class Resume extends ServiceActionCommand {
        public Resume(Context context) {
            super(context);
        }

        @Override
        void apply(DaemonClient client, String name) {
            client.resume(name);
        }

        @Override
        String done() {
            return "resumed";
        }
    }
}
