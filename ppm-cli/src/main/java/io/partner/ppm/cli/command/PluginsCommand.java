package io.partner.ppm.cli.command;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.json.Json;
import io.partner.ppm.cli.output.Table;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppm plugins}: the plugins the daemon loaded, or failed to load. */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "List the plugins: id, version, state, source.")
public final class PluginsCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JsonOption json;

    public PluginsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<PluginInfo> plugins;
        try (DaemonClient client = connection.connect(context)) {
            plugins = client.plugins();
        }
        if (json.enabled()) {
            context.out().println(Json.write(plugins));
        } else if (plugins.isEmpty()) {
            context.out().println("no plugins");
        } else {
            Table table = Table.of("ID", "VERSION", "STATE", "EXTENSIONS", "SOURCE");
            for (PluginInfo plugin : plugins) {
                String source = plugin.error() != null ? context.style().red(plugin.error()) : String.valueOf(plugin.path());
                table.row(plugin.id(), String.valueOf(plugin.version()), String.valueOf(plugin.state()),
                        Integer.toString(plugin.extensions().size()), source);
            }
            table.print(context.out(), context.style());
        }
        return ExitCodes.OK;
    }
}
