package io.partner.ppm.cli.command;

import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppm add}: adds a service to the running daemon. The options become a service definition,
 * exactly as it would be written in the {@code services:} list, which the daemon validates like the
 * configuration file; the service then lives until it is removed and appears in
 * {@code ppm show-configuration}.
 */
@Command(name = "add", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Add a service and start it. Everything after -- is the command, executed as is.")
public final class AddCommand implements Callable<Integer> {

    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JsonOption json;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "The service name.")
    String name;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "An environment variable (repeatable).")
    List<String> env = List.of();

    @Option(names = "--cwd", paramLabel = "DIR", description = "The working directory.")
    String cwd;

    @Option(names = "--restart", paramLabel = "POLICY", description = "on-failure (default), always, never, or a plugin's policy.")
    String restart;

    @Option(names = "--schedule", paramLabel = "CRON", description = "Run on a cron schedule (the cron plugin).")
    String schedule;

    @Parameters(arity = "1..*", paramLabel = "CMD", description = "The command and its arguments (after --).")
    List<String> command;

    public AddCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String definition = Json.write(definition());
        try (DaemonClient client = connection.connect(context)) {
            String added = client.addService(definition);
            if (json.enabled()) {
                context.out().println(Json.write(client.service(added)));
            } else {
                context.out().println("added " + added);
            }
        }
        return ExitCodes.OK;
    }

    /** The service definition, as one entry of the configuration's {@code services:} list. */
    Map<String, Object> definition() {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("name", name);
        service.put("command", command);
        if (!env.isEmpty()) {
            service.put("env", environment());
        }
        if (cwd != null) {
            service.put("cwd", cwd);
        }
        if (restart != null) {
            service.put("restart", restart);
        }
        if (schedule != null) {
            service.put("schedule", schedule);
        }
        return service;
    }

    private Map<String, String> environment() {
        Map<String, String> variables = new LinkedHashMap<>();
        for (String entry : env) {
            int equals = entry.indexOf('=');
            String key = equals < 0 ? entry : entry.substring(0, equals);
            if (equals < 0 || !ENV_NAME.matcher(key).matches()) {
                throw new CliException.Usage("--env " + entry + ": expected KEY=VALUE with KEY made of letters, digits "
                        + "and '_', not starting with a digit");
            }
            variables.put(key, entry.substring(equals + 1));
        }
        return variables;
    }
}
