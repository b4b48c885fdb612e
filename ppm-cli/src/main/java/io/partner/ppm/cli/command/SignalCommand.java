package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.client.DaemonClient;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ppm signal SIGNAL NAME...}: send a signal to services' process groups. */
@Command(name = "signal", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Send a signal (TERM, SIGHUP, 10, ...) to the process group of each service.")
public final class SignalCommand implements Callable<Integer> {

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    @Parameters(index = "0", paramLabel = "SIGNAL", description = "A signal name or number.")
    String signal;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "NAME", description = "Services, or 'all'.")
    List<String> names;

    public SignalCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        try (DaemonClient client = connection.connect(context)) {
            return ServiceActionCommand.each(context, client, names, true,
                    (c, name) -> c.signal(name, signal), "sent " + signal + " to");
        }
    }
}
