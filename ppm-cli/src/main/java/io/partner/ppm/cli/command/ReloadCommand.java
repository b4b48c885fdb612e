package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppm reload}: re-read the configuration file and apply the difference. */
@Command(name = "reload", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Re-read the configuration file: new services start, removed ones stop, changed ones restart.")
public final class ReloadCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    public ReloadCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (DaemonClient client = connection.connect(context)) {
            client.reload();
        }
        context.out().println("reloaded the configuration");
        return ExitCodes.OK;
    }
}
