package io.partner.ppm.cli.command;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.output.Format;
import io.partner.ppm.cli.output.Json;
import io.partner.ppm.cli.output.Table;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ppm stats [NAME] [--watch]}: resource use per service; {@code --watch} refreshes. */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show state, pid, uptime, restarts and resource use (cpu, memory, threads, open files) of the services.")
public final class StatsCommand implements Callable<Integer>, QuickRunnable {

    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";

    private final Context context;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    JsonOption json = new JsonOption();

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "One service; all when omitted.")
    String name;

    @Option(names = {"-w", "--watch"}, description = "Refresh until interrupted.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "2",
            description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    double interval = 2;

    public StatsCommand(Context context) {
        this.context = context;
    }

    @Override
    public int runQuick(String url, String user, boolean json, String name) throws InterruptedException {
        connection.url = url;
        connection.user = user;
        this.json.json = json;
        this.name = name;
        return call();
    }

    @Override
    public Integer call() throws InterruptedException {
        if (interval <= 0) {
            throw new CliException.Usage("--interval " + interval + ": must be more than 0 seconds");
        }
        try (DaemonClient client = connection.connect(context)) {
            show(client, false);
            while (watch && !Thread.currentThread().isInterrupted()) {
                Thread.sleep((long) (interval * 1000));
                show(client, true);
            }
        }
        return ExitCodes.OK;
    }

    /** One service; or every service with the daemon's and the container's figures above them. */
    private void show(DaemonClient client, boolean refresh) {
        if (name != null) {
            List<ServiceInfo> one = List.of(client.service(name));
            if (json.enabled()) {
                print(Json.write(one));
            } else {
                clearIf(refresh);
                table(one);
            }
            return;
        }
        List<ServiceInfo> services = client.services();
        DaemonStats daemon = client.daemonStats();
        ContainerStats container = client.containerStats();
        if (json.enabled()) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("daemon", daemon);
            all.put("container", container);
            all.put("services", services);
            print(Json.write(all));
            return;
        }
        clearIf(refresh);
        context.out().println("daemon     rss " + Format.bytes(daemon.rssBytes()) + "  heap " + Format.bytes(daemon.heapUsedBytes())
                + (daemon.heapMaxBytes() > 0 ? " / " + Format.bytes(daemon.heapMaxBytes()) : "")
                + "  threads " + daemon.threads() + "  cpu " + Format.percent(daemon.cpuPercent()));
        if (container != null && container.sampledAt() > 0) {
            context.out().println("container  memory " + Format.bytes(container.memoryUsageBytes())
                    + (container.hasMemoryLimit() ? " / " + Format.bytes(container.memoryLimitBytes()) : " (no limit)")
                    + "  cpu " + (container.cpuQuotaSet() ? Format.oneDecimal(container.cpuLimitCores()) + " cores" : "no quota")
                    + "  load " + Format.oneDecimal(container.loadAverage1()));
        }
        context.out().println();
        table(services);
    }

    private void print(String line) {
        context.out().println(line);
        context.out().flush();
    }

    private void clearIf(boolean refresh) {
        if (refresh) {
            context.out().print(context.style().enabled() ? CLEAR_SCREEN : System.lineSeparator());
        }
    }

    private void table(List<ServiceInfo> services) {
        Table table = Table.of("NAME", "STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEMORY", "THREADS", "FILES", "PROCS")
                .right(2, 3, 4, 5, 6, 7, 8, 9);
        for (ServiceInfo info : services) {
            ServiceStats stats = info.stats();
            table.row(info.name(), ServiceTable.state(context.style(), info), Format.pid(info.pid()),
                    Format.duration(info.uptimeMillis()), Integer.toString(info.restarts()), Format.percent(stats.cpuPercent()),
                    Format.bytes(stats.rssBytes()), Integer.toString(stats.threads()), Integer.toString(stats.openFiles()),
                    Integer.toString(stats.processes()));
        }
        table.print(context.out(), context.style());
    }
}
