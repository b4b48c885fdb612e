package io.partner.ppm.runtime.process;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongPredicate;

/**
 * The one rule for "the processes of a service", used to stop a service and to measure it. A
 * process belongs to the service whose leader (the process the daemon started, pid = pgid = sid)
 *
 * <ul>
 *   <li>is the process itself, its process group (a child in the foreground of the service's
 *       job control) or its session (a background job moves to a group of its own but stays in the
 *       session);
 *   <li>or is an ancestor of it: a descendant that called {@code setsid} still counts;
 *   <li>or, when the service is asked for by name, the process was adopted by the daemon (its
 *       parent, double-forked, exited) and carries the service's {@code PPM_SERVICE_NAME}: then it
 *       counts as a leader of its own for that service, with its group, session and descendants.
 * </ul>
 *
 * The daemon itself belongs to no service. Only the daemon's adopted children that no other part of
 * the rule places have their {@code /proc/PID/environ} read, and each such process only once
 * (remembered by pid and start time), so a sampling round reads no environment in the common case.
 */
public final class ServiceMembership {

    /** The owner of a process that belongs to no service asked about. */
    public static final int NO_SERVICE = -1;
    private static final int UNRESOLVED = -2;

    private final Path proc;
    private final int daemonPid;
    private final LongPredicate startedByDaemon;
    private final PidIndex adoptedRoots = new PidIndex();
    private int[] chain = new int[256];
    private Map<Integer, AdoptedName> names = new HashMap<>();
    private Map<Integer, AdoptedName> namesInUse = new HashMap<>();

    /**
     * @param proc the proc tree, to read the environment of adopted processes
     * @param daemonPid the daemon's pid: its children it did not start are the adopted ones
     * @param startedByDaemon whether a pid is a child the daemon started itself (not adopted)
     */
    public ServiceMembership(Path proc, long daemonPid, LongPredicate startedByDaemon) {
        this.proc = proc;
        this.daemonPid = (int) daemonPid;
        this.startedByDaemon = startedByDaemon;
    }

    /**
     * Sets the owner of every row of {@code snapshot}: the slot of its service, or {@link #NO_SERVICE}.
     *
     * @param slotOfLeader each service's slot by its leader's pid
     * @param slotOfService each service's slot by its name; empty to leave adopted processes out
     */
    public void assign(ProcessSnapshot snapshot, PidIndex slotOfLeader, Map<String, Integer> slotOfService) {
        if (chain.length < snapshot.size()) {
            chain = new int[snapshot.owner.length];
        }
        for (int row = 0; row < snapshot.size(); row++) {
            snapshot.owner[row] = UNRESOLVED;
        }
        findAdoptedRoots(snapshot, slotOfLeader, slotOfService);
        for (int row = 0; row < snapshot.size(); row++) {
            resolve(snapshot, row, slotOfLeader);
        }
        int daemonRow = snapshot.rowOf(daemonPid);
        if (daemonRow >= 0) {
            snapshot.owner[daemonRow] = NO_SERVICE;
        }
    }

    /** Makes every adopted process that carries the name of a service asked about a root of that service. */
    private void findAdoptedRoots(ProcessSnapshot snapshot, PidIndex slotOfLeader, Map<String, Integer> slotOfService) {
        adoptedRoots.clear();
        namesInUse.clear();
        if (!slotOfService.isEmpty()) {
            for (int row = 0; row < snapshot.size(); row++) {
                int pid = snapshot.pid(row);
                if (snapshot.ppid(row) == daemonPid && pid != daemonPid
                        && directService(snapshot, row, slotOfLeader) < 0 && !startedByDaemon.test(pid)) {
                    Integer slot = slotOfService.get(serviceNameOf(pid, snapshot.startTime(row)));
                    if (slot != null) {
                        adoptedRoots.put(pid, slot);
                    }
                }
            }
        }
        Map<Integer, AdoptedName> forgotten = names;
        names = namesInUse;
        namesInUse = forgotten;
    }

    /** The {@code PPM_SERVICE_NAME} of an adopted process ("" when it has none), read once per process. */
    private String serviceNameOf(int pid, long startTime) {
        AdoptedName known = names.get(pid);
        if (known == null || known.startTime() != startTime) {
            known = new AdoptedName(startTime,
                    AdoptedChildren.serviceOf(proc.resolve(Integer.toString(pid))).orElse(""));
        }
        namesInUse.put(pid, known);
        return known.service();
    }

    private void resolve(ProcessSnapshot snapshot, int row, PidIndex slotOfLeader) {
        // Walk up the parent chain until an answer is known, then give it to the whole chain,
        // so each row is resolved once per pass.
        int length = 0;
        int current = row;
        int answer = NO_SERVICE;
        while (current >= 0) {
            if (snapshot.owner[current] != UNRESOLVED) {
                answer = snapshot.owner[current];
                break;
            }
            int service = directService(snapshot, current, slotOfLeader);
            if (service < 0) {
                service = directService(snapshot, current, adoptedRoots);
            }
            if (service >= 0) {
                snapshot.owner[current] = service;
                answer = service;
                break;
            }
            if (length == snapshot.size()) {
                // a parent loop can only come from pids reused while /proc was being listed
                break;
            }
            chain[length++] = current;
            int parent = snapshot.rowOf(snapshot.ppid(current));
            current = parent == current ? -1 : parent;
        }
        for (int i = 0; i < length; i++) {
            snapshot.owner[chain[i]] = answer;
        }
    }

    /** The slot whose leader (in {@code slotOfLeader}) is the process's session, its group or the process itself. */
    private static int directService(ProcessSnapshot snapshot, int row, PidIndex slotOfLeader) {
        int service = slotOfLeader.get(snapshot.session(row));
        if (service < 0) {
            service = slotOfLeader.get(snapshot.pgrp(row));
        }
        if (service < 0) {
            service = slotOfLeader.get(snapshot.pid(row));
        }
        return service;
    }

    private record AdoptedName(long startTime, String service) {
    }
}
