package io.partner.ppm.api.spi;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import java.time.Instant;

/**
 * What a {@link RestartPolicy} knows when a process ends.
 *
 * @param spec the service definition
 * @param endState {@code FINISHED} or {@code CRASHED}
 * @param exit how the process ended, or null when it could not be started
 * @param consecutiveRestarts automatic restarts so far in the current run of failures (0 for the first end)
 * @param now the supervisor clock's current time
 */
public record RestartContext(
        ServiceSpec spec, ServiceState endState, ExitStatus exit, int consecutiveRestarts, Instant now) {

    public boolean crashed() {
        return endState == ServiceState.CRASHED;
    }
}
