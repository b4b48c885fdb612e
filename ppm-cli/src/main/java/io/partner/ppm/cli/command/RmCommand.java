package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.client.DaemonClient;
import picocli.CommandLine.Command;

/** {@code ppm rm NAME...}: stop and remove services. {@code all} is not special here: removing is final. */
@Command(name = "rm", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Stop services and remove them.")
public final class RmCommand extends ServiceActionCommand {

    public RmCommand(Context context) {
        super(context);
    }

    @Override
    void apply(DaemonClient client, String name) {
        client.removeService(name);
    }

    @Override
    String done() {
        return "removed";
    }

    @Override
    boolean allowsAll() {
        return false;
    }
}
