package io.partner.ppm.api;

/**
 * The container (its cgroup) and the host it runs on, from the latest sample.
 *
 * <p>Limits are effective limits: the smallest one found from the daemon's cgroup up to the root
 * of the cgroup file system visible to it, since a parent's limit binds its children too.
 *
 * @param cgroupVersion 2 or 1, the cgroup version the memory figures come from; 0 when no cgroup
 *     information was found
 * @param memoryUsageBytes memory charged to the cgroup (page cache included, as the kernel counts
 *     it against the limit), -1 when unknown
 * @param memoryLimitBytes the cgroup's memory limit, -1 when there is none
 * @param cpuLimitCores CPU the container may use, in cores: the CFS quota divided by its period
 *     when a quota is set, otherwise {@code cpuCount}
 * @param cpuQuotaSet whether {@code cpuLimitCores} comes from a CPU quota
 * @param cpuCount CPUs the daemon may run on (its CPU affinity, which reflects the cpuset)
 * @param hostMemoryTotalBytes the host's physical memory ({@code MemTotal})
 * @param hostMemoryAvailableBytes memory the host can still give without swapping ({@code MemAvailable})
 * @param loadAverage1 the host's load average over 1 minute
 * @param loadAverage5 the host's load average over 5 minutes
 * @param loadAverage15 the host's load average over 15 minutes
 * @param sampledAt epoch milliseconds of the sample, 0 when never sampled
 */
public record ContainerStats(
        int cgroupVersion,
        long memoryUsageBytes,
        long memoryLimitBytes,
        double cpuLimitCores,
        boolean cpuQuotaSet,
        int cpuCount,
        long hostMemoryTotalBytes,
        long hostMemoryAvailableBytes,
        double loadAverage1,
        double loadAverage5,
        double loadAverage15,
        long sampledAt) {

    public static final ContainerStats NONE = new ContainerStats(0, -1, -1, 0, false, 0, 0, 0, 0, 0, 0, 0);

    /** Whether the cgroup has a memory limit. */
    public boolean hasMemoryLimit() {
        return memoryLimitBytes >= 0;
    }
}
