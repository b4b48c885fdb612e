package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;
import java.util.List;

/**
 * The sum of every service's figures: the TOTAL line of {@code ppm stats} and its {@code total}
 * in JSON. Public because {@code --json} writes it through its record components.
 *
 * @param cpuPercent CPU of all services together, in % of one core
 * @param rssBytes resident memory of all services (pages shared between services count once per
 *     process, as in each service's own figure)
 * @param threads threads of all services
 * @param openFiles open file descriptors of all services
 * @param processes processes of all services
 */
public record StatsTotal(double cpuPercent, long rssBytes, int threads, int openFiles, int processes) {

    static StatsTotal of(List<ServiceInfo> services) {
        double cpu = 0;
        long rss = 0;
        int threads = 0;
        int files = 0;
        int processes = 0;
        for (ServiceInfo info : services) {
            ServiceStats stats = info.stats();
            cpu += stats.cpuPercent();
            rss += stats.rssBytes();
            threads += stats.threads();
            files += stats.openFiles();
            processes += stats.processes();
        }
        return new StatsTotal(cpu, rss, threads, files, processes);
    }
}
