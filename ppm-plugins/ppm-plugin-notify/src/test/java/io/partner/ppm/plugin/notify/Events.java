package io.partner.ppm.plugin.notify;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceState;

final class Events {

    static final long T0 = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private Events() {
    }

    static ServiceEvent crashed(String service, int exitCode) {
        return new ServiceEvent(ServiceEvent.Type.CRASHED, service, ServiceState.RUNNING, ServiceState.CRASHED,
                ExitStatus.exited(exitCode), 2, 0, "exit code " + exitCode, T0);
    }

    static ServiceEvent killed(String service, int signal) {
        return new ServiceEvent(ServiceEvent.Type.CRASHED, service, ServiceState.RUNNING, ServiceState.CRASHED,
                ExitStatus.killed(signal, false), 0, 0, "killed", T0);
    }

    static ServiceEvent finished(String service) {
        return new ServiceEvent(ServiceEvent.Type.FINISHED, service, ServiceState.RUNNING, ServiceState.FINISHED,
                ExitStatus.exited(0), 0, 0, "done", T0);
    }
}
