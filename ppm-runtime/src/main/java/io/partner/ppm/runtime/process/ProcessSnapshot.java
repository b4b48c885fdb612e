package io.partner.ppm.runtime.process;

import java.io.File;
import java.util.Arrays;

/**
 * Every process seen in one pass over {@code /proc}, as parallel primitive arrays that are kept
 * between passes, and which service (if any) each one belongs to (set by {@link ServiceMembership}).
 * Stopping a service and sampling its resource use both work on this one picture of the process
 * tree. A process that exits between the listing of {@code /proc} and the reading of its
 * {@code stat} is left out.
 */
public final class ProcessSnapshot {

    /** Reads the {@code stat} file of one process into {@code buffer}; returns its length, or 0 when it is gone. */
    @FunctionalInterface
    public interface StatSource {
        int readStat(int pid, String name, byte[] buffer);
    }

    private static final int READ_BUFFER_BYTES = 4096;

    private final PidIndex rowOfPid = new PidIndex();
    private final byte[] buffer = new byte[READ_BUFFER_BYTES];
    private final StatLine stat = new StatLine();
    private int size;
    private int[] pid = new int[256];
    private int[] ppid = new int[256];
    private int[] pgrp = new int[256];
    private int[] session = new int[256];
    private char[] state = new char[256];
    private long[] ticks = new long[256];
    private long[] startTime = new long[256];
    private long[] rssPages = new long[256];
    private int[] threads = new int[256];
    int[] owner = new int[256];

    /** Replaces the rows with every process under {@code procRoot}, each read through {@code source}. */
    public void read(File procRoot, StatSource source) {
        clear();
        String[] names = procRoot.list();
        if (names == null) {
            return;
        }
        for (String name : names) {
            int processId = ProcText.parsePid(name);
            if (processId <= 0) {
                continue;
            }
            int length = source.readStat(processId, name, buffer);
            if (length > 0 && stat.parse(buffer, length)) {
                add(processId, stat);
            }
        }
    }

    void clear() {
        size = 0;
        rowOfPid.clear();
    }

    public int size() {
        return size;
    }

    /** The row of {@code processId}, or -1 when it is not in the snapshot. */
    int rowOf(int processId) {
        return rowOfPid.get(processId);
    }

    public int pid(int row) {
        return pid[row];
    }

    public int ppid(int row) {
        return ppid[row];
    }

    int pgrp(int row) {
        return pgrp[row];
    }

    int session(int row) {
        return session[row];
    }

    /** Whether the process is neither a zombie nor dead. */
    public boolean isAlive(int row) {
        return StatLine.isAlive(state[row]);
    }

    /** CPU in clock ticks: the process's own time and that of the children it has reaped. */
    public long ticks(int row) {
        return ticks[row];
    }

    /** Clock ticks after boot when the process started: tells a reused pid from the original. */
    public long startTime(int row) {
        return startTime[row];
    }

    public long rssPages(int row) {
        return rssPages[row];
    }

    public int threads(int row) {
        return threads[row];
    }

    /** The slot of the service the process belongs to, or {@link ServiceMembership#NO_SERVICE}. */
    public int owner(int row) {
        return owner[row];
    }

    /** Adds a process; its CPU counts its own time and that of the children it has reaped. */
    void add(int processId, StatLine line) {
        if (size == pid.length) {
            grow();
        }
        pid[size] = processId;
        ppid[size] = line.ppid;
        pgrp[size] = line.pgrp;
        session[size] = line.session;
        state[size] = line.state;
        ticks[size] = line.ownTicks + line.reapedChildrenTicks;
        startTime[size] = line.startTime;
        rssPages[size] = line.rssPages;
        threads[size] = line.threads;
        owner[size] = ServiceMembership.NO_SERVICE;
        rowOfPid.put(processId, size);
        size++;
    }

    private void grow() {
        int capacity = pid.length * 2;
        pid = Arrays.copyOf(pid, capacity);
        ppid = Arrays.copyOf(ppid, capacity);
        pgrp = Arrays.copyOf(pgrp, capacity);
        session = Arrays.copyOf(session, capacity);
        state = Arrays.copyOf(state, capacity);
        ticks = Arrays.copyOf(ticks, capacity);
        startTime = Arrays.copyOf(startTime, capacity);
        rssPages = Arrays.copyOf(rssPages, capacity);
        threads = Arrays.copyOf(threads, capacity);
        owner = Arrays.copyOf(owner, capacity);
    }
}
