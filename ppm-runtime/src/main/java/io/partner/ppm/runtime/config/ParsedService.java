package io.partner.ppm.runtime.config;

import io.partner.ppm.api.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A service definition once read, with the places needed for checks that look across services.
 *
 * @param mark where the definition starts, or null for a service not read from text
 * @param nameMark where its name is written, or null
 * @param dependencyMarks where each {@code depends_on} entry is written, in the order written
 */
record ParsedService(ServiceSpec spec, Mark mark, Mark nameMark, Map<String, Mark> dependencyMarks) {

    /** A service already known (e.g. one of a running configuration), without places. */
    static ParsedService known(ServiceSpec spec) {
        return new ParsedService(spec, null, null, Map.of());
    }

    String name() {
        return spec.name();
    }

    /** Its dependencies, in the order written when read from text, else sorted. */
    List<String> dependencies() {
        if (!dependencyMarks.isEmpty()) {
            return List.copyOf(dependencyMarks.keySet());
        }
        List<String> names = new ArrayList<>(spec.dependsOn().keySet());
        names.sort(null);
        return names;
    }
}
