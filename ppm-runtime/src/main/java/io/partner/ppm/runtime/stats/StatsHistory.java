package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ServiceStats;
import java.util.HashMap;
import java.util.Map;

/**
 * The last samples of each service's CPU % and resident memory (60 by default: five minutes at
 * the default 5 s interval), for trends: minimum, average, maximum and a sparkline.
 *
 * <p>Thread-safe: the stats timer records while management threads read.
 */
public final class StatsHistory {

    /** Samples kept per service unless told otherwise. */
    public static final int DEFAULT_CAPACITY = 60;

    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    private final int capacity;
    private final Map<String, Ring> rings = new HashMap<>();

    public StatsHistory() {
        this(DEFAULT_CAPACITY);
    }

    /** @param capacity samples kept per service, at least 1 */
    public StatsHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("stats history capacity must be at least 1, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * The smallest, average and largest of a series.
     *
     * @param samples how many values there were; min, avg and max are 0 when there were none
     */
    public record Summary(double min, double avg, double max, int samples) {

        public static final Summary EMPTY = new Summary(0, 0, 0, 0);
    }

    /** Adds one round of samples; services that are not in it are forgotten. */
    public synchronized void record(Map<String, ServiceStats> round) {
        rings.keySet().retainAll(round.keySet());
        round.forEach(this::addLocked);
    }

    /** Adds one sample of one service; the oldest goes once the service has {@code capacity} of them. */
    public synchronized void add(String service, ServiceStats stats) {
        addLocked(service, stats);
    }

    /** Drops a service's samples. */
    public synchronized void forget(String service) {
        rings.remove(service);
    }

    /** The service's CPU % samples, oldest first; empty when it has none. */
    public synchronized double[] cpuPercent(String service) {
        Ring ring = rings.get(service);
        return ring == null ? new double[0] : ring.cpu();
    }

    /** The service's resident memory samples in bytes, oldest first; empty when it has none. */
    public synchronized double[] rssBytes(String service) {
        Ring ring = rings.get(service);
        return ring == null ? new double[0] : ring.rss();
    }

    public synchronized Summary cpuSummary(String service) {
        return summarize(cpuPercent(service));
    }

    public synchronized Summary rssSummary(String service) {
        return summarize(rssBytes(service));
    }

    /** Min, average and max of {@code values}; {@link Summary#EMPTY} for none. */
    public static Summary summarize(double[] values) {
        if (values.length == 0) {
            return Summary.EMPTY;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }
        return new Summary(min, sum / values.length, max, values.length);
    }

    /**
     * One bar per value, from ▁ to █. Bars are scaled from 0 to the largest value, so a flat line
     * of a busy service stays high and small wobbles stay small; zero, negative and NaN values
     * show as ▁.
     */
    public static String sparkline(double[] values) {
        double max = 0;
        for (double value : values) {
            if (value > max) {
                max = value;
            }
        }
        StringBuilder line = new StringBuilder(values.length);
        for (double value : values) {
            int level = max > 0 && value > 0 ? (int) Math.round(value / max * (BARS.length - 1)) : 0;
            line.append(BARS[level]);
        }
        return line.toString();
    }

    private void addLocked(String service, ServiceStats stats) {
        rings.computeIfAbsent(service, name -> new Ring(capacity)).add(stats.cpuPercent(), stats.rssBytes());
    }

    /** A fixed-size ring of the two series. */
    private static final class Ring {

        private final double[] cpu;
        private final long[] rss;
        private int next;
        private int size;

        Ring(int capacity) {
            cpu = new double[capacity];
            rss = new long[capacity];
        }

        void add(double cpuPercent, long rssBytes) {
            cpu[next] = cpuPercent;
            rss[next] = rssBytes;
            next = (next + 1) % cpu.length;
            size = Math.min(size + 1, cpu.length);
        }

        double[] cpu() {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = cpu[oldest(i)];
            }
            return values;
        }

        double[] rss() {
            double[] values = new double[size];
            for (int i = 0; i < size; i++) {
                values[i] = rss[oldest(i)];
            }
            return values;
        }

        /** The ring index of the i-th sample counted from the oldest. */
        private int oldest(int i) {
            return (next - size + i + cpu.length) % cpu.length;
        }
    }
}
