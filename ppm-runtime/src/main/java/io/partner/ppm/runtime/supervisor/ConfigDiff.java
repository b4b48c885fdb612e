package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ServiceSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a reload changes: the services of the previous file that the new one no longer defines are
 * removed; each service of the new file is added, changed (its definition differs) or kept. Services
 * added at run time stay unless the new file defines the same name, which makes them the file's.
 * A pure function of the two sides: no processes, no state.
 *
 * @param removed the names to remove, in the order of the current services
 * @param steps   one step per service of the new file, in the file's order
 */
record ConfigDiff(List<String> removed, List<Step> steps) {

    /** A service as the supervisor has it now. */
    record Current(ServiceSpec spec, ManagedService.Origin origin) {
    }

    enum Kind { ADDED, CHANGED, UNCHANGED }

    /** What happens to one service of the new file. */
    record Step(Kind kind, ServiceSpec spec) {
    }

    ConfigDiff {
        removed = List.copyOf(removed);
        steps = List.copyOf(steps);
    }

    /**
     * @param current the services now, in order (names are unique)
     * @param wanted  the services of the new file, in order
     */
    static ConfigDiff between(List<Current> current, List<ServiceSpec> wanted) {
        Set<String> wantedNames = new HashSet<>();
        wanted.forEach(spec -> wantedNames.add(spec.name()));
        List<String> removed = new ArrayList<>();
        for (Current service : current) {
            if (service.origin() == ManagedService.Origin.CONFIG && !wantedNames.contains(service.spec().name())) {
                removed.add(service.spec().name());
            }
        }
        Map<String, ServiceSpec> specs = new HashMap<>();
        current.forEach(service -> specs.put(service.spec().name(), service.spec()));
        List<Step> steps = new ArrayList<>();
        for (ServiceSpec spec : wanted) {
            ServiceSpec now = specs.get(spec.name());
            Kind kind = now == null ? Kind.ADDED : now.equals(spec) ? Kind.UNCHANGED : Kind.CHANGED;
            steps.add(new Step(kind, spec));
        }
        return new ConfigDiff(removed, steps);
    }

    List<String> names(Kind kind) {
        return steps.stream().filter(step -> step.kind() == kind).map(step -> step.spec().name()).toList();
    }

    /** One line, e.g. {@code 1 added, 0 removed, 2 changed, 7 unchanged}. */
    String summary() {
        return names(Kind.ADDED).size() + " added, " + removed.size() + " removed, "
                + names(Kind.CHANGED).size() + " changed, " + names(Kind.UNCHANGED).size() + " unchanged";
    }
}
