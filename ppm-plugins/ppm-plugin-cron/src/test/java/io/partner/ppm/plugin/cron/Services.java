package io.partner.ppm.plugin.cron;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

final class Services {

    private Services() {
    }

    /** A service with these plugin keys, never started by the daemon on its own. */
    static ServiceSpec withKeys(String name, Map<String, Object> keys) {
        return new ServiceSpec(name, List.of("/bin/" + name), false, null, Map.of(), null, null, "never",
                BackoffSpec.DEFAULT, Signal.TERM, Duration.ofSeconds(5), Set.of(0), Map.of(), false, null, keys);
    }
}
