package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.Trend;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.output.Format;
import io.partner.ppm.cli.output.Table;

/**
 * The recent trend of one service in {@code ppm stats NAME}: min / avg / max of CPU and memory over
 * the samples the daemon keeps, and a sparkline of each, oldest sample on the left.
 */
final class HistoryTable {

    private HistoryTable() {
    }

    static void print(Context context, ServiceHistory history) {
        double[] cpu = history.cpuPercent();
        long[] rss = history.rssBytes();
        if (cpu.length == 0) {
            context.out().println("history: no samples yet");
            return;
        }
        Trend cpuTrend = Trend.of(cpu);
        Trend rssTrend = Trend.of(rss);
        Table.of("HISTORY", "MIN", "AVG", "MAX", "LAST " + cpu.length + (cpu.length == 1 ? " SAMPLE" : " SAMPLES"))
                .right(1, 2, 3)
                .row("cpu", Format.percent(cpuTrend.min()), Format.percent(cpuTrend.avg()), Format.percent(cpuTrend.max()),
                        context.style().cyan(Trend.sparkline(cpu)))
                .row("memory", Format.bytes((long) rssTrend.min()), Format.bytes(Math.round(rssTrend.avg())),
                        Format.bytes((long) rssTrend.max()), context.style().cyan(Trend.sparkline(rss)))
                .print(context.out(), context.style());
    }
}
