package io.partner.ppm.runtime.management;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.SupervisorContext;

/** Finds a service by name for an MBean operation, with the messages users see when it is not there. */
final class ServiceLookup {

    private ServiceLookup() {
    }

    static String unknown(String name) {
        return "unknown service '" + name + "'";
    }

    /** The service's info; IllegalArgumentException naming the problem when the name is invalid or unknown. */
    static ServiceInfo require(SupervisorContext context, String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("no service name given");
        }
        if (!ServiceSpec.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(ServiceSpec.invalidName(name));
        }
        return context.service(name).orElseThrow(() -> new IllegalArgumentException(unknown(name)));
    }
}
