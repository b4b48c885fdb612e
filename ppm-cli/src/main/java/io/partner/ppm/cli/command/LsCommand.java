package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.json.Json;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code ppm ls}: every service in one table, read with one bulk call. */
@Command(name = "ls", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List the services: name, state, pid, uptime, restarts, cpu, memory.")
public final class LsCommand extends QuickClientCommand {

    public LsCommand(Context context) {
        super(context, false);
    }

    @Override
    public Integer call() {
        List<ServiceInfo> services;
        try (DaemonClient client = connection.connect(context)) {
            services = client.services();
        }
        if (json.enabled()) {
            context.out().println(Json.write(services));
        } else {
            ServiceTable.print(context, services);
        }
        return ExitCodes.OK;
    }
}
