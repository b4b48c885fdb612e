package io.partner.ppm.runtime.stats;

import java.util.Arrays;

/**
 * Every process seen in one round, as parallel primitive arrays that are kept between rounds, and
 * which service (if any) each one belongs to.
 */
final class ProcessTable {

    static final int UNRESOLVED = -2;
    static final int NO_SERVICE = -1;

    private final PidIndex rowOfPid = new PidIndex();
    private int size;
    int[] pid = new int[256];
    int[] ppid = new int[256];
    int[] pgrp = new int[256];
    int[] session = new int[256];
    long[] ticks = new long[256];
    long[] startTime = new long[256];
    long[] rssPages = new long[256];
    int[] threads = new int[256];
    int[] owner = new int[256];
    private int[] chain = new int[256];

    void clear() {
        size = 0;
        rowOfPid.clear();
    }

    int size() {
        return size;
    }

    /** Adds a process; its CPU counts its own time and that of the children it has reaped. */
    void add(int processId, StatLine stat) {
        if (size == pid.length) {
            grow();
        }
        pid[size] = processId;
        ppid[size] = stat.ppid;
        pgrp[size] = stat.pgrp;
        session[size] = stat.session;
        ticks[size] = stat.ownTicks + stat.reapedChildrenTicks;
        startTime[size] = stat.startTime;
        rssPages[size] = stat.rssPages;
        threads[size] = stat.threads;
        owner[size] = UNRESOLVED;
        rowOfPid.put(processId, size);
        size++;
    }

    /**
     * Decides which service every row belongs to: the service whose leader is the process itself,
     * its session or its process group; otherwise the service of its parent, so descendants that
     * started a session of their own still count.
     *
     * @param serviceOfLeader service slot by leader pid
     */
    void assignOwners(PidIndex serviceOfLeader) {
        for (int row = 0; row < size; row++) {
            resolve(row, serviceOfLeader);
        }
    }

    private void resolve(int row, PidIndex serviceOfLeader) {
        // Walk up the parent chain until an answer is known, then give it to the whole chain,
        // so each row is resolved once per round.
        int length = 0;
        int current = row;
        int answer = NO_SERVICE;
        while (current >= 0) {
            if (owner[current] != UNRESOLVED) {
                answer = owner[current];
                break;
            }
            int service = directService(current, serviceOfLeader);
            if (service >= 0) {
                owner[current] = service;
                answer = service;
                break;
            }
            if (length == size) {
                // a parent loop can only come from pids reused while /proc was being listed
                break;
            }
            chain[length++] = current;
            int parent = rowOfPid.get(ppid[current]);
            current = parent == current ? -1 : parent;
        }
        for (int i = 0; i < length; i++) {
            owner[chain[i]] = answer;
        }
    }

    private int directService(int row, PidIndex serviceOfLeader) {
        int service = serviceOfLeader.get(session[row]);
        if (service < 0) {
            service = serviceOfLeader.get(pgrp[row]);
        }
        if (service < 0) {
            service = serviceOfLeader.get(pid[row]);
        }
        return service;
    }

    private void grow() {
        int capacity = pid.length * 2;
        pid = Arrays.copyOf(pid, capacity);
        ppid = Arrays.copyOf(ppid, capacity);
        pgrp = Arrays.copyOf(pgrp, capacity);
        session = Arrays.copyOf(session, capacity);
        ticks = Arrays.copyOf(ticks, capacity);
        startTime = Arrays.copyOf(startTime, capacity);
        rssPages = Arrays.copyOf(rssPages, capacity);
        threads = Arrays.copyOf(threads, capacity);
        owner = Arrays.copyOf(owner, capacity);
        chain = new int[capacity];
    }
}
