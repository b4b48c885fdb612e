package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.DependencyCondition;
import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** {@code depends_on}: when a service may start, and the order in which services stop. */
final class Dependencies {

    private Dependencies() {
    }

    /** The conditions of {@code service} not yet met, as {@code db (started)}; empty when it may start. */
    static List<String> unmet(ServiceSpec service, Map<String, ManagedService> services) {
        List<String> unmet = new ArrayList<>();
        service.dependsOn().forEach((name, condition) -> {
            ManagedService dependency = services.get(name);
            if (dependency == null || !met(condition, dependency)) {
                unmet.add(name + " (" + condition.configName() + ")");
            }
        });
        return unmet;
    }

    private static boolean met(DependencyCondition condition, ManagedService dependency) {
        return switch (condition) {
            // Without a readiness probe, "ready" is as soon as the process runs.
            case STARTED, READY -> dependency.state() == ServiceState.RUNNING
                    || dependency.state() == ServiceState.STOPPED
                    || dependency.state() == ServiceState.FINISHED;
            case COMPLETED -> completed(dependency);
        };
    }

    private static boolean completed(ManagedService dependency) {
        ExitStatus exit = dependency.lastExit();
        return dependency.state() == ServiceState.FINISHED && exit != null && !exit.isSignal()
                && dependency.spec().isSuccess(exit.exitCode());
    }

    /**
     * Groups services for shutdown: first those no other service depends on, then the services only
     * they depended on, and so on (reverse start order). A cycle, which the configuration rejects, would
     * land in the last group rather than hang.
     */
    static List<List<String>> stopOrder(Collection<ServiceSpec> specs) {
        Set<String> remaining = specs.stream().map(ServiceSpec::name).collect(Collectors.toCollection(LinkedHashSet::new));
        List<List<String>> levels = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Set<String> neededByRemaining = specs.stream()
                    .filter(s -> remaining.contains(s.name()))
                    .flatMap(s -> s.dependsOn().keySet().stream())
                    .collect(Collectors.toSet());
            List<String> level = remaining.stream().filter(n -> !neededByRemaining.contains(n)).toList();
            if (level.isEmpty()) {
                level = List.copyOf(remaining);
            }
            levels.add(level);
            level.forEach(remaining::remove);
        }
        return levels;
    }
}
