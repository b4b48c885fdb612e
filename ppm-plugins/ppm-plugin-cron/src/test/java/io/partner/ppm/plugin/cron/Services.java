package io.partner.ppm.plugin.cron;

import io.partner.ppm.api.ServiceSpec;
import java.util.List;
import java.util.Map;

final class Services {

    private Services() {
    }

    /** A service with these plugin keys, never started by the daemon on its own. */
    static ServiceSpec withKeys(String name, Map<String, Object> keys) {
        return ServiceSpec.builder(name, List.of("/bin/" + name)).restart(ServiceSpec.NEVER).autostart(false)
                .extensions(keys).build();
    }
}
