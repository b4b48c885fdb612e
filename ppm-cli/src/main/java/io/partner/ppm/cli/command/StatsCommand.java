package io.partner.ppm.cli.command;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.Trend;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.json.Json;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppm stats [NAME] [--sort cpu|mem|name] [--watch]}: resource use of every service, sorted,
 * with a total and the daemon's and the container's figures; or one service with the trend of its
 * recent samples. Every read is preceded by an on-demand sample, so the figures are current.
 */
@Command(name = "stats", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Show the resource use of the services (cpu, memory, threads, open files, processes), sorted, "
                + "with a total, and the daemon's and the container's figures.",
            "With a NAME: that service, with min / avg / max and a sparkline of its recent cpu and memory."})
public final class StatsCommand extends QuickClientCommand {

    private static final String CLEAR_SCREEN = "\u001b[H\u001b[2J";
    /**
     * Seconds between refreshes, as text so that the help shows {@code 2}, not {@code 2.0}. Picocli
     * applies it when it parses; the field starts with it for the quick path, which does not.
     */
    private static final String DEFAULT_INTERVAL = "2";
    private static final long MILLIS_PER_SECOND = 1000;

    @Option(names = "--sort", paramLabel = "KEY",
            description = "Order of the services: cpu (cpu, then memory, highest first; the default), "
                    + "mem (memory, then cpu) or name.")
    String sort = ServiceOrder.CPU;

    @Option(names = {"-w", "--watch"}, description = "Refresh until interrupted.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = DEFAULT_INTERVAL,
            description = "Seconds between refreshes with --watch (default: ${DEFAULT-VALUE}).")
    double interval = Double.parseDouble(DEFAULT_INTERVAL);

    public StatsCommand(Context context) {
        super(context, true);
    }

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "One service; all when omitted.")
    void setName(String name) {
        this.name = name;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (interval <= 0) {
            throw new CliException.Usage("--interval " + interval + ": must be more than 0 seconds");
        }
        ServiceOrder order = ServiceOrder.parse(sort);
        try (DaemonClient client = connection.connect(context)) {
            show(client, order, false);
            while (watch && !Thread.currentThread().isInterrupted()) {
                Thread.sleep((long) (interval * MILLIS_PER_SECOND));
                show(client, order, true);
            }
        }
        return ExitCodes.OK;
    }

    private void show(DaemonClient client, ServiceOrder order, boolean refresh) {
        sampleNow(client);
        if (name != null) {
            showOne(client.service(name), client.history(name), refresh);
        } else {
            List<ServiceInfo> services = new ArrayList<>(client.services());
            services.sort(order);
            showAll(services, client.daemonStats(), client.containerStats(), refresh);
        }
    }

    /**
     * Fresh figures rather than the latest periodic ones (up to one stats interval old). A user the
     * daemon lets read but not run operations still gets those, so a refusal is not an error.
     */
    private static void sampleNow(DaemonClient client) {
        try {
            client.sample();
        } catch (CliException.OperationFailed refused) {
            // Read-only access: the periodic figures are shown as they are.
        }
    }

    private void showOne(ServiceInfo info, ServiceHistory history, boolean refresh) {
        if (json.enabled()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("service", info);
            one.put("history", history);
            one.put("cpu", Trend.of(history.cpuPercent()));
            one.put("memory", Trend.of(history.rssBytes()));
            print(Json.write(one));
            return;
        }
        clearIf(refresh);
        StatsTable.print(context, List.of(info), null);
        context.out().println();
        HistoryTable.print(context, history);
    }

    private void showAll(List<ServiceInfo> services, DaemonStats daemon, ContainerStats container, boolean refresh) {
        StatsTotal total = StatsTotal.of(services);
        if (json.enabled()) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("daemon", daemon);
            all.put("container", container);
            all.put("services", services);
            all.put("total", total);
            print(Json.write(all));
            return;
        }
        clearIf(refresh);
        PrintWriter out = context.out();
        out.println("daemon     " + ResourceText.daemon(daemon));
        out.println("container  " + ResourceText.container(container));
        out.println("host       " + ResourceText.host(container));
        out.println();
        if (services.isEmpty()) {
            ServiceTable.print(context, services);
        } else {
            StatsTable.print(context, services, total);
        }
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
}
