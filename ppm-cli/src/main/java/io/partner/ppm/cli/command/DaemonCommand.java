package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.runtime.DaemonMain;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppm daemon}: runs the daemon in this process, in the foreground (as a container's
 * entrypoint), or with {@code --detach} in a new session in the background.
 */
@Command(name = "daemon", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Run the daemon in the foreground. A command after -- becomes the main service: "
                + "the daemon ends when it ends, with its exit code.")
public final class DaemonCommand implements Callable<Integer> {

    private final Context context;

    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file (default: $PPM_CONFIG, "
            + "~/.config/partner/partner-pm.yml, ~/.partner-pm.yml, ./.partner-pm.yml, else none).")
    Path config;

    @Option(names = "--detach", description = "Start the daemon in the background and return once it answers.")
    boolean detach;

    @Parameters(arity = "0..*", paramLabel = "CMD", description = "The main service's command and arguments (after --).")
    List<String> command = List.of();

    public DaemonCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        if (detach) {
            return new Detacher(context).launch();
        }
        // The daemon's classes are loaded here only: client commands never touch ppm-runtime.
        return DaemonMain.run(config, command);
    }
}
