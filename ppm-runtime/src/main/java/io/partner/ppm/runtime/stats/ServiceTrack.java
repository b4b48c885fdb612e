package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ServiceStats;
import java.util.HashSet;
import java.util.Set;

/**
 * What the sampler remembers about one service between rounds: the counters of each of its
 * processes at the previous sample, and the bytes read and written since the current run began.
 *
 * <p>Differences are taken per process (matched by pid and start time), never on the sum: when a
 * process of the tree exits, the sum drops, and a difference on the sum would go negative. A
 * process that appeared since the previous sample counts with everything it has used, since it
 * started in the interval.
 *
 * <p>{@code /proc/PID/stat} CPU times include the children a process has reaped ({@code cutime},
 * {@code cstime}) and {@code /proc/PID/io} does the same for bytes, so short-lived commands a
 * service runs between two samples are not lost. The other side of that: when a process seen at
 * the previous sample is reaped by another member of the tree, everything it had already been
 * charged for reappears in its reaper's counters. That amount is taken back, so a child that ran
 * for an hour does not show up as an hour of CPU in one interval when it ends.
 */
final class ServiceTrack {

    private final String name;
    private long leaderPid;
    private boolean primed;
    private long lastNanos;
    private long readTotal;
    private long writeTotal;
    private ProcessCounters previous = new ProcessCounters();
    private ProcessCounters current = new ProcessCounters();

    private int processes;
    private long rssBytes;
    private int threads;
    private int openFiles;

    private long ticksDelta;
    private long readDelta;
    private long writeDelta;

    ServiceTrack(String name, long leaderPid) {
        this.name = name;
        this.leaderPid = leaderPid;
    }

    String name() {
        return name;
    }

    long leaderPid() {
        return leaderPid;
    }

    /** The pids counted for this service at the last sample. */
    Set<Long> lastPids() {
        Set<Long> pids = HashSet.newHashSet(previous.size());
        for (int i = 0; i < previous.size(); i++) {
            pids.add((long) previous.pid[i]);
        }
        return pids;
    }

    /** Forgets everything: the service runs again under another leader. */
    void restart(long newLeaderPid) {
        leaderPid = newLeaderPid;
        primed = false;
        readTotal = 0;
        writeTotal = 0;
        previous.clear();
    }

    void beginRound() {
        current.clear();
        processes = 0;
        rssBytes = 0;
        threads = 0;
        openFiles = 0;
    }

    /**
     * Adds one process of the tree to this round.
     *
     * @param fileDescriptors open descriptors, -1 when they could not be counted
     * @param read bytes read so far, -1 when unknown
     * @param write bytes written so far, -1 when unknown
     */
    void addProcess(int pid, int ppid, long startTime, long ticks, long rss, int threadCount,
            int fileDescriptors, long read, long write) {
        current.add(pid, ppid, startTime, ticks, read, write);
        processes++;
        rssBytes += rss;
        threads += threadCount;
        if (fileDescriptors > 0) {
            openFiles += fileDescriptors;
        }
    }

    /** Ends the round taken at {@code nanos} (monotonic) / {@code epochMillis} and reports it. */
    ServiceStats endRound(long nanos, long epochMillis, long ticksPerSecond) {
        current.sortByPid();
        ServiceStats stats;
        if (primed) {
            computeDeltas();
            double seconds = (nanos - lastNanos) / 1e9;
            readTotal += readDelta;
            writeTotal += writeDelta;
            double cpuPercent = seconds > 0 ? ticksDelta * 100.0 / ticksPerSecond / seconds : 0;
            double readRate = seconds > 0 ? readDelta / seconds : 0;
            double writeRate = seconds > 0 ? writeDelta / seconds : 0;
            stats = new ServiceStats(processes, cpuPercent, rssBytes, threads, openFiles,
                    readTotal, writeTotal, readRate, writeRate, epochMillis);
        } else {
            // The first sample of a run: counters since each process started are the totals, and
            // there is no interval yet to make a rate of.
            readTotal = sumKnown(current.readBytes, current.size());
            writeTotal = sumKnown(current.writeBytes, current.size());
            stats = new ServiceStats(processes, 0, rssBytes, threads, openFiles, readTotal, writeTotal, 0, 0,
                    epochMillis);
            primed = true;
        }
        lastNanos = nanos;
        ProcessCounters spare = previous;
        previous = current;
        current = spare;
        return stats;
    }

    private void computeDeltas() {
        ticksDelta = 0;
        readDelta = 0;
        writeDelta = 0;
        for (int i = 0; i < current.size(); i++) {
            int before = previous.indexOf(current.pid[i], current.startTime[i]);
            ticksDelta += growth(before < 0 ? 0 : previous.ticks[before], current.ticks[i]);
            readDelta += growth(before < 0 ? 0 : previous.readBytes[before], current.readBytes[i]);
            writeDelta += growth(before < 0 ? 0 : previous.writeBytes[before], current.writeBytes[i]);
        }
        for (int j = 0; j < previous.size(); j++) {
            if (current.indexOf(previous.pid[j], previous.startTime[j]) < 0 && reapedByMember(j)) {
                ticksDelta -= previous.ticks[j];
                readDelta -= Math.max(0, previous.readBytes[j]);
                writeDelta -= Math.max(0, previous.writeBytes[j]);
            }
        }
        ticksDelta = Math.max(0, ticksDelta);
        readDelta = Math.max(0, readDelta);
        writeDelta = Math.max(0, writeDelta);
    }

    /**
     * Whether a process of the previous sample that is gone now was reaped inside the tree: its
     * parent, or the first ancestor that is still around, is a member now.
     */
    private boolean reapedByMember(int gone) {
        int ancestor = previous.ppid[gone];
        for (int steps = 0; steps < previous.size(); steps++) {
            if (current.indexOf(ancestor) >= 0) {
                return true;
            }
            int index = previous.indexOf(ancestor);
            if (index < 0) {
                return false;
            }
            ancestor = previous.ppid[index];
        }
        return false;
    }

    /** How much a counter grew; an unknown value (-1) on either side counts as no growth. */
    private static long growth(long before, long now) {
        if (before < 0 || now < 0) {
            return 0;
        }
        return Math.max(0, now - before);
    }

    /** The sum of the first {@code count} values, unknown ones (-1) left out. */
    private static long sumKnown(long[] values, int count) {
        long sum = 0;
        for (int i = 0; i < count; i++) {
            sum += Math.max(0, values[i]);
        }
        return sum;
    }
}
