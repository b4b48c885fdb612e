package io.partner.ppm.cli;

import io.partner.ppm.cli.command.AddCommand;
import io.partner.ppm.cli.command.DaemonCommand;
import io.partner.ppm.cli.command.InfoCommand;
import io.partner.ppm.cli.command.LogsCommand;
import io.partner.ppm.cli.command.LsCommand;
import io.partner.ppm.cli.command.PluginsCommand;
import io.partner.ppm.cli.command.ReloadCommand;
import io.partner.ppm.cli.command.RmCommand;
import io.partner.ppm.cli.command.ServiceActionCommand;
import io.partner.ppm.cli.command.ShowConfigurationCommand;
import io.partner.ppm.cli.command.ShutdownCommand;
import io.partner.ppm.cli.command.SignalCommand;
import io.partner.ppm.cli.command.StatsCommand;
import io.partner.ppm.cli.command.VersionCommand;
import java.util.List;

/**
 * The subcommands of {@code ppm}, built on demand: a run of {@code ppm ls} builds only the
 * {@code ls} command, so start-up does not pay for picocli reading every command's annotations.
 */
final class Commands {

    /** Every command, in the order the help lists them. */
    static final List<String> NAMES = List.of(
            "daemon", "info", "ls", "add", "rm", "start", "stop", "restart", "signal", "pause", "resume",
            "logs", "stats", "reload", "plugins", "show-configuration", "shutdown", "version");

    private Commands() {
    }

    static boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** A new instance of the named command (a switch, not a table of lambdas: nothing else is loaded). */
    static Object create(String name, Context context) {
        return switch (name) {
            case "daemon" -> new DaemonCommand(context);
            case "info" -> new InfoCommand(context);
            case "ls" -> new LsCommand(context);
            case "add" -> new AddCommand(context);
            case "rm" -> new RmCommand(context);
            case "start" -> new ServiceActionCommand.Start(context);
            case "stop" -> new ServiceActionCommand.Stop(context);
            case "restart" -> new ServiceActionCommand.Restart(context);
            case "signal" -> new SignalCommand(context);
            case "pause" -> new ServiceActionCommand.Pause(context);
            case "resume" -> new ServiceActionCommand.Resume(context);
            case "logs" -> new LogsCommand(context);
            case "stats" -> new StatsCommand(context);
            case "reload" -> new ReloadCommand(context);
            case "plugins" -> new PluginsCommand(context);
            case "show-configuration" -> new ShowConfigurationCommand(context);
            case "shutdown" -> new ShutdownCommand(context);
            case "version" -> new VersionCommand(context);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }
}
