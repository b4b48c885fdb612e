package io.partner.ppm.runtime.stats;

import java.util.Arrays;

/**
 * The cumulative counters of the processes of one service at one sample, sorted by pid, so the
 * next sample can take per-process differences. Arrays are kept and refilled.
 */
final class ProcessCounters {

    private int size;
    int[] pid = new int[8];
    int[] ppid = new int[8];
    long[] startTime = new long[8];
    long[] ticks = new long[8];
    long[] readBytes = new long[8];
    long[] writeBytes = new long[8];

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    void add(int processId, int parentId, long start, long cpuTicks, long read, long write) {
        if (size == pid.length) {
            grow();
        }
        pid[size] = processId;
        ppid[size] = parentId;
        startTime[size] = start;
        ticks[size] = cpuTicks;
        readBytes[size] = read;
        writeBytes[size] = write;
        size++;
    }

    /** Sorts by pid. /proc lists pids in ascending order, so this is usually a single pass. */
    void sortByPid() {
        for (int i = 1; i < size; i++) {
            for (int j = i; j > 0 && pid[j - 1] > pid[j]; j--) {
                swap(j - 1, j);
            }
        }
    }

    /** The index of the process with this pid and start time, or -1. Needs {@link #sortByPid}. */
    int indexOf(int processId, long start) {
        int index = indexOf(processId);
        return index >= 0 && startTime[index] == start ? index : -1;
    }

    /** The index of the process with this pid, or -1. Needs {@link #sortByPid}. */
    int indexOf(int processId) {
        int index = Arrays.binarySearch(pid, 0, size, processId);
        return index >= 0 ? index : -1;
    }

    private void swap(int a, int b) {
        int p = pid[a];
        pid[a] = pid[b];
        pid[b] = p;
        int pp = ppid[a];
        ppid[a] = ppid[b];
        ppid[b] = pp;
        long s = startTime[a];
        startTime[a] = startTime[b];
        startTime[b] = s;
        long t = ticks[a];
        ticks[a] = ticks[b];
        ticks[b] = t;
        long r = readBytes[a];
        readBytes[a] = readBytes[b];
        readBytes[b] = r;
        long w = writeBytes[a];
        writeBytes[a] = writeBytes[b];
        writeBytes[b] = w;
    }

    private void grow() {
        int capacity = pid.length * 2;
        pid = Arrays.copyOf(pid, capacity);
        ppid = Arrays.copyOf(ppid, capacity);
        startTime = Arrays.copyOf(startTime, capacity);
        ticks = Arrays.copyOf(ticks, capacity);
        readBytes = Arrays.copyOf(readBytes, capacity);
        writeBytes = Arrays.copyOf(writeBytes, capacity);
    }
}
