package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.runtime.process.ChildProcesses;
import java.util.Map;
import java.util.Set;

/**
 * The process trees of the services being stopped, from one pass over {@code /proc}, taken on first
 * use and valid for one piece of the loop's work: a shutdown that stops a thousand services at once
 * reads {@code /proc} once, not a thousand times. A service's tree is what
 * {@link ChildProcesses#serviceProcesses} finds: the rule stats sampling uses too, so what is
 * measured as a service is what stopping it ends.
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
        return children.serviceProcesses(leaders);
    }
}
