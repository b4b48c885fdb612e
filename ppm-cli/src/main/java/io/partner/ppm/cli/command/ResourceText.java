package io.partner.ppm.cli.command;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.cli.output.Format;

/**
 * The daemon's, the container's and the host's figures as one line each, the same in
 * {@code ppm stats} and {@code ppm info}.
 */
final class ResourceText {

    private static final String NOT_SAMPLED = "not sampled yet";

    private ResourceText() {
    }

    /** {@code rss 48M  heap 9.5M / 31M  threads 20  cpu 0.5%}. */
    static String daemon(DaemonStats daemon) {
        if (daemon == null || daemon.sampledAt() <= 0) {
            return NOT_SAMPLED;
        }
        return "rss " + Format.bytes(daemon.rssBytes()) + "  heap " + Format.bytes(daemon.heapUsedBytes())
                + (daemon.heapMaxBytes() > 0 ? " / " + Format.bytes(daemon.heapMaxBytes()) : "")
                + "  threads " + daemon.threads() + "  cpu " + Format.percent(daemon.cpuPercent());
    }

    /** {@code memory 95M / 488M (19.5%)  cpu 1.5 cores (quota)}, or {@code ... cpu 2 cpus (no quota)}. */
    static String container(ContainerStats container) {
        if (container == null || container.sampledAt() <= 0) {
            return NOT_SAMPLED;
        }
        return "memory " + memory(container) + "  cpu " + cpu(container);
    }

    /** {@code memory 3.7G available of 7.5G  load 0.50 0.40 0.30}. */
    static String host(ContainerStats container) {
        if (container == null || container.sampledAt() <= 0) {
            return NOT_SAMPLED;
        }
        return "memory " + Format.bytes(container.hostMemoryAvailableBytes()) + " available of "
                + Format.bytes(container.hostMemoryTotalBytes()) + "  load " + Format.twoDecimals(container.loadAverage1())
                + " " + Format.twoDecimals(container.loadAverage5()) + " " + Format.twoDecimals(container.loadAverage15());
    }

    private static String memory(ContainerStats container) {
        if (container.cgroupVersion() == 0) {
            return "- (no cgroup found)";
        }
        long used = container.memoryUsageBytes();
        String usage = used < 0 ? "-" : Format.bytes(used);
        if (!container.hasMemoryLimit()) {
            return usage + " (no limit)";
        }
        String share = used < 0 || container.memoryLimitBytes() == 0 ? ""
                : " (" + Format.percent(used * 100.0 / container.memoryLimitBytes()) + ")";
        return usage + " / " + Format.bytes(container.memoryLimitBytes()) + share;
    }

    private static String cpu(ContainerStats container) {
        if (container.cpuQuotaSet()) {
            return Format.oneDecimal(container.cpuLimitCores()) + " cores (quota)";
        }
        return container.cpuCount() + (container.cpuCount() == 1 ? " cpu" : " cpus") + " (no quota)";
    }
}
