package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.runtime.process.ChildProcesses;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The process trees of the services being stopped, from one pass over {@code /proc}, taken on first
 * use and valid for one piece of the loop's work: a shutdown that stops a thousand services at once
 * reads {@code /proc} once, not a thousand times. A service's tree includes the processes it
 * double-forked that the daemon adopted (see {@link ChildProcesses#adoptedOrphans()}), and theirs.
 */
final class TreeSnapshot {

    private final ChildProcesses children;
    private final Map<Long, String> leaders;
    private Map<Long, Set<Long>> trees;

    /** @param leaders the pid of each service's leader, to the service's name */
    TreeSnapshot(ChildProcesses children, Map<Long, String> leaders) {
        this.children = children;
        this.leaders = leaders;
    }

    /** The live processes of the service led by {@code leader} (group, session, descendants, adopted orphans). */
    Set<Long> of(long leader) {
        if (trees == null) {
            trees = scan();
        }
        Set<Long> tree = trees.get(leader);
        return tree != null ? tree : children.processTree(leader);
    }

    private Map<Long, Set<Long>> scan() {
        Map<String, Set<Long>> orphans = children.adoptedOrphans();
        Set<Long> roots = new HashSet<>(leaders.keySet());
        leaders.forEach((leader, service) -> roots.addAll(orphans.getOrDefault(service, Set.of())));
        Map<Long, Set<Long>> scanned = children.processTrees(roots);
        Map<Long, Set<Long>> result = new HashMap<>();
        leaders.forEach((leader, service) -> {
            Set<Long> tree = new HashSet<>(scanned.getOrDefault(leader, Set.of()));
            for (long orphan : orphans.getOrDefault(service, Set.of())) {
                tree.addAll(scanned.getOrDefault(orphan, Set.of()));
            }
            result.put(leader, tree);
        });
        return result;
    }
}
