package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Measures the container the daemon runs in (its cgroup's memory use, memory limit and CPU quota)
 * and the host around it (memory, load average, CPUs), from cgroup files and /proc.
 *
 * <p>A limit is the smallest one found from the daemon's cgroup up to the top of the visible
 * hierarchy, since a parent's limit binds its children. "No limit" is -1: cgroup v2 writes
 * {@code max}; cgroup v1 writes a number near 2^63 (treated as no limit from 2^62 up); a v1 CPU
 * quota of -1 means none. Nothing here starts a command: everything is read from files.
 *
 * <p>Thread-safe; each call reads the files afresh.
 */
public final class ContainerSampler {

    /** cgroup v1 spells "no memory limit" as a page-rounded {@code LONG_MAX}; anything this large is none. */
    private static final long V1_UNLIMITED_FROM = 1L << 62;

    private final Path procRoot;
    private final CgroupPaths cgroup;
    private final Clock clock;

    /** The daemon's own cgroup, found through /proc. */
    public ContainerSampler() {
        this(CgroupPaths.detect());
    }

    /** The given cgroup, with host figures from /proc. */
    public ContainerSampler(CgroupPaths cgroup) {
        this(Path.of("/proc"), cgroup, Clock.systemUTC());
    }

    ContainerSampler(Path procRoot, CgroupPaths cgroup, Clock clock) {
        this.procRoot = procRoot;
        this.cgroup = cgroup;
        this.clock = clock;
    }

    /** The cgroup paths this sampler reads. */
    public CgroupPaths cgroup() {
        return cgroup;
    }

    /** Measures now. */
    public ContainerStats sample() {
        int cpuCount = cpuCount();
        double quotaCores = cpuQuotaCores();
        HostMemory host = hostMemory();
        double[] load = loadAverage();
        return new ContainerStats(cgroupVersion(), memoryUsage(), memoryLimit(),
                quotaCores > 0 ? quotaCores : cpuCount, quotaCores > 0, cpuCount,
                host.total, host.available, load[0], load[1], load[2], clock.millis());
    }

    private int cgroupVersion() {
        if (cgroup.memory() != null) {
            return cgroup.memory().version();
        }
        return cgroup.cpu() != null ? cgroup.cpu().version() : 0;
    }

    private long memoryUsage() {
        CgroupPaths.Controller memory = cgroup.memory();
        if (memory == null) {
            return -1;
        }
        String file = memory.version() == 2 ? "memory.current" : "memory.usage_in_bytes";
        String value = firstLine(memory.directory().resolve(file));
        return value == null ? -1 : parseLong(value, -1);
    }

    private long memoryLimit() {
        CgroupPaths.Controller memory = cgroup.memory();
        if (memory == null) {
            return -1;
        }
        long smallest = -1;
        for (Path level : levels(memory)) {
            long limit = memory.version() == 2
                    ? v2Limit(firstLine(level.resolve("memory.max")))
                    : v1Limit(firstLine(level.resolve("memory.limit_in_bytes")));
            if (limit >= 0 && (smallest < 0 || limit < smallest)) {
                smallest = limit;
            }
        }
        return smallest;
    }

    private static long v2Limit(String value) {
        return value == null || value.equals("max") ? -1 : parseLong(value, -1);
    }

    private static long v1Limit(String value) {
        long limit = value == null ? -1 : parseLong(value, -1);
        return limit >= V1_UNLIMITED_FROM ? -1 : limit;
    }

    /** The smallest quota along the hierarchy in cores, or 0 when there is none. */
    private double cpuQuotaCores() {
        CgroupPaths.Controller cpu = cgroup.cpu();
        if (cpu == null) {
            return 0;
        }
        double smallest = 0;
        for (Path level : levels(cpu)) {
            double cores = cpu.version() == 2 ? v2Cores(level) : v1Cores(level);
            if (cores > 0 && (smallest == 0 || cores < smallest)) {
                smallest = cores;
            }
        }
        return smallest;
    }

    /** {@code cpu.max} holds "QUOTA PERIOD" or "max PERIOD". */
    private static double v2Cores(Path level) {
        String value = firstLine(level.resolve("cpu.max"));
        if (value == null) {
            return 0;
        }
        String[] parts = value.split("\\s+");
        if (parts.length != 2 || parts[0].equals("max")) {
            return 0;
        }
        return cores(parseLong(parts[0], -1), parseLong(parts[1], -1));
    }

    private static double v1Cores(Path level) {
        String quota = firstLine(level.resolve("cpu.cfs_quota_us"));
        String period = firstLine(level.resolve("cpu.cfs_period_us"));
        if (quota == null || period == null) {
            return 0;
        }
        return cores(parseLong(quota, -1), parseLong(period, -1));
    }

    private static double cores(long quota, long period) {
        return quota > 0 && period > 0 ? (double) quota / period : 0;
    }

    /** The controller's directory and each parent up to the top of the hierarchy. */
    private static List<Path> levels(CgroupPaths.Controller controller) {
        Path directory = controller.directory();
        Path top = controller.top();
        if (top == null || !directory.startsWith(top)) {
            return List.of(directory);
        }
        List<Path> levels = new ArrayList<>();
        for (Path level = directory; level != null && level.startsWith(top); level = level.getParent()) {
            levels.add(level);
        }
        return levels;
    }

    /** CPUs the daemon may run on: its affinity ({@code Cpus_allowed_list}), which a cpuset narrows. */
    private int cpuCount() {
        try {
            for (String line : Files.readAllLines(procRoot.resolve("self/status"))) {
                if (line.startsWith("Cpus_allowed_list:")) {
                    int count = CpuList.count(line.substring(line.indexOf(':') + 1).trim());
                    if (count > 0) {
                        return count;
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JVM's own view
        }
        return Runtime.getRuntime().availableProcessors();
    }

    private record HostMemory(long total, long available) {
    }

    private HostMemory hostMemory() {
        long total = 0;
        long available = -1;
        long free = 0;
        try {
            for (String line : Files.readAllLines(procRoot.resolve("meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    total = kibibytes(line);
                } else if (line.startsWith("MemAvailable:")) {
                    available = kibibytes(line);
                } else if (line.startsWith("MemFree:")) {
                    free = kibibytes(line);
                }
            }
        } catch (IOException e) {
            return new HostMemory(0, 0);
        }
        // MemAvailable exists since Linux 3.14; before that MemFree is the honest lower bound.
        return new HostMemory(total, available >= 0 ? available : free);
    }

    private static long kibibytes(String meminfoLine) {
        String[] parts = meminfoLine.trim().split("\\s+");
        return parts.length >= 2 ? parseLong(parts[1], 0) * 1024 : 0;
    }

    private double[] loadAverage() {
        String line = firstLine(procRoot.resolve("loadavg"));
        double[] load = new double[3];
        if (line != null) {
            String[] parts = line.split("\\s+");
            for (int i = 0; i < 3 && i < parts.length; i++) {
                try {
                    load[i] = Double.parseDouble(parts[i]);
                } catch (NumberFormatException e) {
                    load[i] = 0;
                }
            }
        }
        return load;
    }

    private static String firstLine(Path file) {
        try {
            String text = Files.readString(file);
            int end = text.indexOf('\n');
            return (end < 0 ? text : text.substring(0, end)).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static long parseLong(String text, long fallback) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
