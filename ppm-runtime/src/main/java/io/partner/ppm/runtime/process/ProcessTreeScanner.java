package io.partner.ppm.runtime.process;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongPredicate;

/**
 * Finds the live processes of services for stopping them: one pass over {@code /proc} into a
 * {@link ProcessSnapshot}, placed by the {@link ServiceMembership} rule that stats sampling uses
 * too. Zombies are left out (they are gone but for their exit status). Thread-safe: a pass at a
 * time.
 */
final class ProcessTreeScanner {

    private final File proc;
    private final ServiceMembership membership;
    private final ProcessSnapshot snapshot = new ProcessSnapshot();
    private final PidIndex slotOfLeader = new PidIndex();

    /**
     * @param daemonPid the daemon itself, never part of a tree
     * @param startedByDaemon whether a child of the daemon was started by it (and not adopted)
     */
    ProcessTreeScanner(Path proc, long daemonPid, LongPredicate startedByDaemon) {
        this.proc = proc.toFile();
        this.membership = new ServiceMembership(proc, daemonPid, startedByDaemon);
    }

    /** The trees of many leaders from one pass over /proc: each leader's group, session and descendants. */
    synchronized Map<Long, Set<Long>> scanAll(Collection<Long> leaderPids) {
        Map<Long, String> unnamed = new HashMap<>();
        leaderPids.forEach(leader -> unnamed.put(leader, null));
        return scan(unnamed);
    }

    /**
     * As {@link #scanAll}, and each service's tree also holds the processes the daemon adopted that
     * carry the service's name, with their groups, sessions and descendants.
     *
     * @param leaders each service's leader pid to its name (null: leave adopted processes out)
     */
    synchronized Map<Long, Set<Long>> scanServices(Map<Long, String> leaders) {
        return scan(leaders);
    }

    private Map<Long, Set<Long>> scan(Map<Long, String> leaders) {
        List<Long> slots = List.copyOf(leaders.keySet());
        Map<String, Integer> slotOfService = new HashMap<>();
        slotOfLeader.clear();
        for (int slot = 0; slot < slots.size(); slot++) {
            slotOfLeader.put(Math.toIntExact(slots.get(slot)), slot);
            String service = leaders.get(slots.get(slot));
            if (service != null) {
                slotOfService.put(service, slot);
            }
        }
        snapshot.read(proc, this::readStat);
        membership.assign(snapshot, slotOfLeader, slotOfService);
        List<Set<Long>> members = slots.stream().<Set<Long>>map(leader -> new HashSet<>()).toList();
        for (int row = 0; row < snapshot.size(); row++) {
            int owner = snapshot.owner(row);
            if (owner >= 0 && snapshot.isAlive(row)) {
                members.get(owner).add((long) snapshot.pid(row));
            }
        }
        Map<Long, Set<Long>> trees = HashMap.newHashMap(slots.size());
        for (int slot = 0; slot < slots.size(); slot++) {
            trees.put(slots.get(slot), Set.copyOf(members.get(slot)));
        }
        return trees;
    }

    private int readStat(int pid, String name, byte[] buffer) {
        try (FileInputStream in = new FileInputStream(new File(new File(proc, name), "stat"))) {
            return Math.max(0, in.readNBytes(buffer, 0, buffer.length));
        } catch (IOException gone) {
            // The process ended between listing /proc and reading its file.
            return 0;
        }
    }
}
