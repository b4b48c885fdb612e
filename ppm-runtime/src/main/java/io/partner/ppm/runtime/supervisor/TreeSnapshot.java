package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.runtime.process.ChildProcesses;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The process trees of the services being stopped, from one pass over {@code /proc}, taken on first
 * use and valid for one piece of the loop's work: a shutdown that stops a thousand services at once
 * reads {@code /proc} once, not a thousand times.
 */
final class TreeSnapshot {

    private final ChildProcesses children;
    private final Collection<Long> leaders;
    private Map<Long, Set<Long>> trees;

    TreeSnapshot(ChildProcesses children, Collection<Long> leaders) {
        this.children = children;
        this.leaders = leaders;
    }

    /** The live processes of the service led by {@code leader} (group, session, descendants). */
    Set<Long> of(long leader) {
        if (trees == null) {
            trees = children.processTrees(leaders);
        }
        Set<Long> tree = trees.get(leader);
        return tree != null ? tree : children.processTree(leader);
    }
}
