package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.output.Format;
import io.partner.ppm.cli.output.Table;
import java.util.List;

/** The table of {@code ppm stats}: one row per service in the order given, and a TOTAL row when asked. */
final class StatsTable {

    private StatsTable() {
    }

    static void print(Context context, List<ServiceInfo> services, StatsTotal total) {
        Table table = Table.of("NAME", "STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEMORY", "THREADS", "FILES", "PROCS")
                .right(2, 3, 4, 5, 6, 7, 8, 9);
        for (ServiceInfo info : services) {
            ServiceStats stats = info.stats();
            table.row(info.name(), ServiceTable.state(context.style(), info), Format.pid(info.pid()),
                    Format.duration(info.uptimeMillis()), Integer.toString(info.totalRestarts()),
                    Format.percent(stats.cpuPercent()), Format.bytes(stats.rssBytes()), Integer.toString(stats.threads()),
                    Integer.toString(stats.openFiles()), Integer.toString(stats.processes()));
        }
        if (total != null) {
            table.row(context.style().bold("TOTAL"), "", "", "", "", Format.percent(total.cpuPercent()),
                    Format.bytes(total.rssBytes()), Integer.toString(total.threads()), Integer.toString(total.openFiles()),
                    Integer.toString(total.processes()));
        }
        table.print(context.out(), context.style());
    }
}
