package io.partner.ppm.cli.command;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.management.DaemonStatus;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.json.Json;
import io.partner.ppm.cli.output.Format;
import io.partner.ppm.cli.output.Style;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ppm info [NAME]}: the daemon, what it and the container use, and its services; or one
 * service in full.
 */
@Command(name = "info", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Show the daemon (version, pid, uptime, configuration file, endpoint, its own and the container's "
                + "resource use) and its services, or everything about one service.")
public final class InfoCommand extends QuickClientCommand {

    /** A label and its value, the labels padded to the longest ({@code next restart:}) so the values line up. */
    private static final String FIELD = "%-13s %s%n";

    public InfoCommand(Context context) {
        super(context, true);
    }

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A service to show in full.")
    void setName(String name) {
        this.name = name;
    }

    @Override
    public Integer call() {
        try (DaemonClient client = connection.connect(context)) {
            if (name != null) {
                showService(client.service(name));
            } else {
                showDaemon(client.url(), client.status(), client.services(), client.daemonStats(), client.containerStats());
            }
        }
        return ExitCodes.OK;
    }

    private void showDaemon(String url, DaemonStatus status, List<ServiceInfo> services, DaemonStats daemonStats,
            ContainerStats containerStats) {
        if (json.enabled()) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("daemon", status);
            all.put("url", url);
            all.put("daemonStats", daemonStats);
            all.put("containerStats", containerStats);
            all.put("services", services);
            context.out().println(Json.write(all));
            return;
        }
        PrintWriter out = context.out();
        Style style = context.style();
        out.println(style.bold("PPM " + status.version()) + "  pid " + status.pid() + "  up " + Format.duration(status.uptimeMillis()));
        field(out, "config", status.configFile().isEmpty() ? "(none: embedded default)" : status.configFile());
        field(out, "endpoint", url);
        field(out, "services", status.services() + " (" + status.running() + " running, " + status.crashed() + " crashed, "
                + status.finished() + " finished, " + status.stopped() + " stopped, " + status.created() + " created)");
        field(out, "daemon", ResourceText.daemon(daemonStats));
        field(out, "container", ResourceText.container(containerStats));
        field(out, "host", ResourceText.host(containerStats));
        out.println();
        ServiceTable.print(context, services);
    }

    private void showService(ServiceInfo info) {
        if (json.enabled()) {
            context.out().println(Json.write(info));
            return;
        }
        PrintWriter out = context.out();
        ServiceStats stats = info.stats();
        field(out, "name", context.style().bold(info.name()));
        field(out, "state", ServiceTable.state(context.style(), info));
        field(out, "pid", Format.pid(info.pid()));
        field(out, "command", info.command());
        field(out, "uptime", Format.duration(info.uptimeMillis()));
        field(out, "started at", Format.time(info.startedAt()));
        field(out, "restarts", info.totalRestarts() + " (" + info.restarts() + " in a row)");
        field(out, "next restart", Format.time(info.nextRestartAt()));
        field(out, "last exit", lastExit(info));
        field(out, "reason", info.reason() == null || info.reason().isEmpty() ? "-" : info.reason());
        field(out, "cpu", Format.percent(stats.cpuPercent()));
        field(out, "memory", Format.bytes(stats.rssBytes()));
        field(out, "processes", Integer.toString(stats.processes()));
        field(out, "threads", Integer.toString(stats.threads()));
        field(out, "open files", Integer.toString(stats.openFiles()));
        field(out, "disk read", Format.bytes(stats.readBytes()));
        field(out, "disk write", Format.bytes(stats.writeBytes()));
        info.details().forEach((key, value) -> field(out, key.replace('_', ' '), value));
        out.flush();
    }

    private static String lastExit(ServiceInfo info) {
        if (info.lastSignal() != null) {
            return "killed by SIG" + info.lastSignal();
        }
        return info.lastExitCode() >= 0 ? "exit code " + info.lastExitCode() : "-";
    }

    private static void field(PrintWriter out, String label, String value) {
        out.printf(FIELD, label + ":", value);
    }
}
