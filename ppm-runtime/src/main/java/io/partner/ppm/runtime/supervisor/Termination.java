package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.process.SpawnException;

/** How the end of a process maps to a service state, and the one-line reason shown to users. */
final class Termination {

    /** The shell's exit code for a command that was not found. */
    static final int NOT_FOUND = 127;
    /** The shell's exit code for a command that was found but could not be run. */
    static final int NOT_EXECUTABLE = 126;

    private Termination() {
    }

    /**
     * {@code FINISHED} for a success exit code, a SIGTERM, or any end after a stop request (a program
     * that handles SIGTERM and exits 143 was asked to stop and did); {@code CRASHED} otherwise.
     */
    static ServiceState endState(ExitStatus exit, ServiceSpec spec, boolean stopRequested) {
        if (stopRequested) {
            return ServiceState.FINISHED;
        }
        if (exit.isSignal()) {
            return exit.signal() == Signal.TERM.number() ? ServiceState.FINISHED : ServiceState.CRASHED;
        }
        return spec.isSuccess(exit.exitCode()) ? ServiceState.FINISHED : ServiceState.CRASHED;
    }

    static String reason(ExitStatus exit, boolean stopRequested) {
        String how = exit.isSignal() ? exit.describe() : "exited with code " + exit.exitCode();
        return stopRequested ? "stopped on request (" + how + ")" : how;
    }

    /** The code a shell would give for a command that could not be started: 127 not found, 126 otherwise. */
    static int execFailureCode(SpawnException failure) {
        return failure.notFound() ? NOT_FOUND : NOT_EXECUTABLE;
    }
}
