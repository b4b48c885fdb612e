package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppm show-configuration}: the effective configuration, as YAML the daemon accepts back. */
@Command(name = "show-configuration", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the effective configuration (defaults filled in, services added at run time included) "
                + "as YAML: ppm show-configuration > ~/.partner-pm.yml")
public final class ShowConfigurationCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    public ShowConfigurationCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String yaml;
        try (DaemonClient client = connection.connect(context)) {
            yaml = client.configuration();
        }
        context.out().print(yaml.endsWith("\n") ? yaml : yaml + "\n");
        context.out().flush();
        return ExitCodes.OK;
    }
}
