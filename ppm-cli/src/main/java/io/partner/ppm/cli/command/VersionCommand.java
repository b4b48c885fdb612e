package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.json.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ppm version}: this command line's version; needs no daemon. */
@Command(name = "version", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Print the PPM version.")
public final class VersionCommand implements QuickRunnable {

    private final Context context;

    @Mixin
    JsonOption json = new JsonOption();

    public VersionCommand(Context context) {
        this.context = context;
    }

    @Override
    public JsonOption json() {
        return json;
    }

    @Override
    public Integer call() {
        String version = Version.get();
        context.out().println(json.enabled() ? Json.write(Map.of("version", version)) : "ppm " + version);
        return ExitCodes.OK;
    }
}
