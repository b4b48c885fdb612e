package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.output.Format;
import io.partner.ppm.cli.output.Style;
import io.partner.ppm.cli.output.Table;
import java.util.List;

/** The services table of {@code ppm ls} and {@code ppm info}. */
final class ServiceTable {

    private ServiceTable() {
    }

    static void print(Context context, List<ServiceInfo> services) {
        if (services.isEmpty()) {
            context.out().println("no services (add one with: ppm add --name NAME -- COMMAND ARGS...)");
            return;
        }
        Style style = context.style();
        Table table = Table.of("NAME", "STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEMORY").right(2, 3, 4, 5, 6);
        for (ServiceInfo info : services) {
            ServiceStats stats = info.stats();
            table.row(info.name(), state(style, info), Format.pid(info.pid()), Format.duration(info.uptimeMillis()),
                    Integer.toString(info.restarts()), Format.percent(stats.cpuPercent()), Format.bytes(stats.rssBytes()));
        }
        table.print(context.out(), style);
    }

    /** The state label, with a mark when the daemon gave up restarting. */
    static String state(Style style, ServiceInfo info) {
        String label = style.state(info.state());
        return info.gaveUp() ? label + style.dim(" (gave up)") : label;
    }
}
