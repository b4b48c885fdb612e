package io.partner.ppm.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Checks {@code depends_on} across services: every name must be a service, and no service may wait on itself through a cycle. */
final class DependencyGraph {

    private enum Visit { IN_PROGRESS, DONE }

    private final Map<String, ParsedService> services = new LinkedHashMap<>();
    private final Map<String, Visit> visits = new HashMap<>();
    private final Mark fallback;

    private DependencyGraph(Collection<ParsedService> services, Mark fallback) {
        this.fallback = fallback;
        for (ParsedService service : services) {
            this.services.put(service.name(), service);
        }
    }

    /** Checks the names {@code service} depends on against {@code names}. */
    static void checkReferences(ParsedService service, Collection<String> names) throws ConfigException {
        for (Map.Entry<String, Mark> dependency : service.dependencyMarks().entrySet()) {
            String target = dependency.getKey();
            if (!names.contains(target)) {
                throw ConfigException.at(dependency.getValue(), Scope.service(service.name()).child(ServiceKeys.DEPENDS_ON)
                        .problem("no service named '" + target + "'" + NearMiss.suggestion(target, names)));
            }
        }
    }

    /**
     * Refuses a cycle, reporting it at a {@code depends_on} entry on it that was read from text, or at
     * {@code fallback} when none was (a cycle among services known before).
     */
    static void checkCycles(Collection<ParsedService> services, Mark fallback) throws ConfigException {
        DependencyGraph graph = new DependencyGraph(services, fallback);
        for (ParsedService service : services) {
            graph.visit(service);
        }
    }

    // Depth-first, with an explicit stack: a long chain of dependencies must not exhaust a small thread stack.
    private void visit(ParsedService start) throws ConfigException {
        if (visits.containsKey(start.name())) {
            return;
        }
        List<ParsedService> path = new ArrayList<>();
        List<Iterator<String>> pending = new ArrayList<>();
        enter(start, path, pending);
        while (!path.isEmpty()) {
            Iterator<String> next = pending.getLast();
            if (!next.hasNext()) {
                visits.put(path.removeLast().name(), Visit.DONE);
                pending.removeLast();
                continue;
            }
            ParsedService target = services.get(next.next());
            if (target == null || visits.get(target.name()) == Visit.DONE) {
                continue;
            }
            if (visits.get(target.name()) == Visit.IN_PROGRESS) {
                throw cycle(path.subList(path.indexOf(target), path.size()));
            }
            enter(target, path, pending);
        }
    }

    private void enter(ParsedService service, List<ParsedService> path, List<Iterator<String>> pending) {
        visits.put(service.name(), Visit.IN_PROGRESS);
        path.add(service);
        pending.add(service.dependencies().iterator());
    }

    // Reported at the entry that closes the cycle when it was read from text, else at the first one that was.
    private ConfigException cycle(List<ParsedService> cycle) {
        int size = cycle.size();
        for (int step = 0; step < size; step++) {
            int from = (size - 1 + step) % size;
            ParsedService service = cycle.get(from);
            Mark mark = service.dependencyMarks().get(cycle.get((from + 1) % size).name());
            if (mark != null) {
                return ConfigException.at(mark, Scope.service(service.name()).child(ServiceKeys.DEPENDS_ON)
                        .problem("dependency cycle " + cycleNames(cycle, from)));
            }
        }
        return ConfigException.at(fallback, "dependency cycle " + cycleNames(cycle, 0));
    }

    private static String cycleNames(List<ParsedService> cycle, int from) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i <= cycle.size(); i++) {
            names.add(cycle.get((from + i) % cycle.size()).name());
        }
        return String.join(" -> ", names);
    }
}
