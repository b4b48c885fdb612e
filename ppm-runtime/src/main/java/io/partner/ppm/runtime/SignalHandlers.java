package io.partner.ppm.runtime;

import io.partner.ppm.api.Signal;
import java.util.function.Consumer;

/**
 * The daemon's signal dispositions, as PID 1 needs them: SIGTERM and SIGINT shut down gracefully (a
 * second one kills everything at once), SIGHUP reloads the configuration, and the other signals a JVM
 * lets a program handle are forwarded to every service.
 *
 * <p>Handlers run on a JVM signal thread and only hand the work on. Replacing the TERM handler turns
 * off the JVM's own shutdown on SIGTERM, which is what a supervisor wants: it exits when its services
 * are down. SIGQUIT stays the JVM's (thread dumps); USR2, PIPE and XFSZ are the JVM's own.
 */
final class SignalHandlers {

    /** Signals forwarded to the services' process groups. */
    static final Signal[] FORWARDED = {Signal.USR1, Signal.WINCH, Signal.ALRM, Signal.TTIN, Signal.TTOU};

    private SignalHandlers() {
    }

    static void install(Runnable terminate, Runnable reload, Consumer<Signal> forward, Consumer<String> log) {
        handle(Signal.TERM, terminate, log);
        handle(Signal.INT, terminate, log);
        handle(Signal.HUP, reload, log);
        for (Signal signal : FORWARDED) {
            handle(signal, () -> forward.accept(signal), log);
        }
    }

    @SuppressWarnings("removal")
    private static void handle(Signal signal, Runnable action, Consumer<String> log) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal.name()), received -> action.run());
        } catch (IllegalArgumentException refused) {
            log.accept("cannot handle SIG" + signal.name() + ": " + refused.getMessage());
        }
    }
}
