package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppm shutdown}: stop every service and the daemon. */
@Command(name = "shutdown", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Stop every service gracefully, then the daemon.")
public final class ShutdownCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    public ShutdownCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (DaemonClient client = connection.connect(context)) {
            client.shutdown();
        }
        context.out().println("the daemon is shutting down");
        return ExitCodes.OK;
    }
}
