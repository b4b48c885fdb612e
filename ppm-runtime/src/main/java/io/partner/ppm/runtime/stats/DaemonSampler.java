package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.runtime.process.StatLine;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryUsage;
import java.lang.management.RuntimeMXBean;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * Measures the daemon's own process: resident memory, threads and CPU from
 * {@code /proc/self/stat} (the same source and units as the services' figures), heap and uptime
 * from the JVM's management beans.
 *
 * <p>CPU % is the process's CPU time since the previous call divided by the wall time between the
 * two, in % of one core; the first call measures from the moment the sampler was created. Not
 * thread-safe: call {@link #sample} from one thread.
 */
public final class DaemonSampler {

    private final String statPath;
    private final Clock clock;
    private final LongSupplier nanoTime;
    private final KernelUnits units;
    private final ProcFileReader reader = new ProcFileReader(4096);
    private final StatLine stat = new StatLine();
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final RuntimeMXBean runtime = ManagementFactory.getRuntimeMXBean();
    private long lastTicks;
    private long lastNanos;

    public DaemonSampler() {
        this(Path.of("/proc"), Clock.systemUTC(), System::nanoTime);
    }

    DaemonSampler(Path procRoot, Clock clock, LongSupplier nanoTime) {
        this.statPath = procRoot.resolve("self/stat").toString();
        this.clock = clock;
        this.nanoTime = nanoTime;
        this.units = KernelUnits.read(procRoot);
        this.lastNanos = nanoTime.getAsLong();
        if (readStat()) {
            lastTicks = stat.ownTicks();
        }
    }

    /** Measures the daemon now. */
    public DaemonStats sample() {
        long nanos = nanoTime.getAsLong();
        long rssBytes = 0;
        int threads = Thread.activeCount();
        double cpuPercent = 0;
        if (readStat()) {
            rssBytes = stat.rssPages() * units.pageSize();
            threads = stat.threads();
            double seconds = (nanos - lastNanos) / 1e9;
            if (seconds > 0) {
                cpuPercent = Math.max(0, stat.ownTicks() - lastTicks) * 100.0 / units.clockTicksPerSecond() / seconds;
            }
            lastTicks = stat.ownTicks();
            lastNanos = nanos;
        }
        MemoryUsage heap = memory.getHeapMemoryUsage();
        return new DaemonStats(rssBytes, heap.getUsed(), heap.getMax(), threads, cpuPercent, runtime.getUptime(),
                clock.millis());
    }

    private boolean readStat() {
        int length = reader.read(statPath);
        return length > 0 && stat.parse(reader.buffer(), length);
    }
}
