package io.partner.ppm.runtime;

import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.process.SignalDispositions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The daemon process's signal handlers, as PID 1 needs them: taken over in the first lines of
 * {@code main}, before anything can take time, and kept for the life of the process. A signal that
 * arrives before the daemon is ready to act on it is kept, in order, and handed over as soon as it
 * is (see {@link #deliverTo}); as PID 1 of a container a signal without a handler would be dropped by
 * the kernel, and before this class is loaded the JVM's own SIGTERM handler would end the process
 * with code 143 without stopping anything.
 *
 * <p>What each signal does is the daemon's business ({@link Daemon}): SIGTERM and SIGINT shut down,
 * SIGHUP reloads, the {@link #FORWARDED} ones go to every service. Handlers run on a JVM signal
 * thread. Replacing the TERM handler turns off the JVM's own shutdown on SIGTERM, which is what a
 * supervisor wants: it exits when its services are down. SIGQUIT stays the JVM's (thread dumps);
 * USR2, PIPE and XFSZ are the JVM's own.
 *
 * <p>{@code bin/ppm} and the container recipe's entry point close the window before the JVM has any
 * handler (see {@link #HELD_PROPERTY}).
 */
final class SignalHandlers {

    /** Signals forwarded to the services' process groups. */
    static final Signal[] FORWARDED = {Signal.USR1, Signal.WINCH, Signal.ALRM, Signal.TTIN, Signal.TTOU};

    /**
     * Signals that {@code bin/ppm}, or the container recipe's {@code env} entry point, ignores and blocks
     * from before {@code java} starts (comma-separated): a
     * blocked signal stays pending through the JVM's start instead of being dropped, and because it
     * is also ignored the JVM leaves it blocked. They are set back and unblocked here, once handled.
     */
    static final String HELD_PROPERTY = "ppm.launcher.held";
    /** Signals {@code bin/ppm} received itself before it started {@code java} (comma-separated). */
    static final String CAUGHT_PROPERTY = "ppm.launcher.caught";

    /** The signals the daemon relies on: an inherited "ignore" is undone for these. */
    private static final List<Signal> RELIED_ON = List.of(Signal.HUP, Signal.INT, Signal.TERM, Signal.CHLD);

    /** What the daemon says when a SIGTERM or SIGINT comes before it has started anything. */
    static final String BEFORE_START_UP = "ppm | termination signal received before start-up: nothing started, exit code 0";

    private static final Object LOCK = new Object();
    private static boolean installed;
    private static boolean startUpBegun;
    private static Consumer<Signal> receiver;
    private static final List<Signal> pending = new ArrayList<>();
    private static final List<String> notes = new ArrayList<>();

    private SignalHandlers() {
    }

    /** Takes over the signals for this process; later calls do nothing. */
    static void install() {
        synchronized (LOCK) {
            if (installed) {
                return;
            }
            installed = true;
        }
        for (Signal signal : handled()) {
            handle(signal);
        }
        List<Signal> held = signalsIn(System.getProperty(HELD_PROPERTY));
        try {
            List<Signal> wereIgnored = SignalDispositions.resetIgnored(RELIED_ON);
            for (Signal signal : wereIgnored) {
                if (handled().contains(signal)) {
                    handle(signal); // the JVM does not take a signal it found ignored; it is at its default now
                }
            }
            SignalDispositions.unblock(held);
            List<Signal> inherited = wereIgnored.stream().filter(s -> !held.contains(s)).toList();
            if (!inherited.isEmpty()) {
                note(describe(inherited) + " ignored when the daemon started (as under nohup or `&` in a script);"
                        + " handled as usual from now on");
            }
        } catch (RuntimeException | LinkageError e) {
            note("cannot check which signals were ignored at start: " + e.getMessage());
        }
        for (Signal signal : signalsIn(System.getProperty(CAUGHT_PROPERTY))) {
            received(signal);
        }
    }

    /**
     * From now on, hands every signal to {@code target}, beginning, on this thread, with those that
     * arrived before; {@code log} gets what {@link #install()} has to report.
     */
    static void deliverTo(Consumer<Signal> target, Consumer<String> log) {
        install();
        List<Signal> early;
        List<String> report;
        synchronized (LOCK) {
            receiver = target;
            early = List.copyOf(pending);
            pending.clear();
            report = List.copyOf(notes);
            notes.clear();
        }
        report.forEach(log);
        early.forEach(target);
    }

    /** Signals are kept again, not delivered (the daemon has released what it held). */
    static void stopDelivering() {
        synchronized (LOCK) {
            receiver = null;
        }
    }

    /**
     * The daemon begins to start (loading plugins, then the rest): from now on a SIGTERM or SIGINT
     * is kept for it instead of ending the process at once.
     *
     * @return false when one has already arrived: nothing is started, the process should just exit
     */
    static boolean beginStartUp() {
        synchronized (LOCK) {
            startUpBegun = true;
            return !(pending.contains(Signal.TERM) || pending.contains(Signal.INT));
        }
    }

    private static void received(Signal signal) {
        Consumer<Signal> target;
        boolean nothingStarted;
        synchronized (LOCK) {
            target = receiver;
            if (target == null) {
                pending.add(signal);
            }
            nothingStarted = target == null && !startUpBegun && (signal == Signal.TERM || signal == Signal.INT);
        }
        if (nothingStarted) {
            // Before start-up there is nothing to stop: exit as a shutdown would, without waiting for it.
            System.err.println(BEFORE_START_UP);
            System.exit(0);
        } else if (target != null) {
            target.accept(signal);
        }
    }

    private static List<Signal> handled() {
        List<Signal> signals = new ArrayList<>(List.of(Signal.TERM, Signal.INT, Signal.HUP));
        signals.addAll(List.of(FORWARDED));
        return signals;
    }

    @SuppressWarnings("removal")
    private static void handle(Signal signal) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(signal.name()), sig -> received(signal));
        } catch (IllegalArgumentException refused) {
            note("cannot handle SIG" + signal.name() + ": " + refused.getMessage());
        }
    }

    private static void note(String line) {
        synchronized (LOCK) {
            notes.add(line);
        }
    }

    private static String describe(List<Signal> signals) {
        List<String> names = signals.stream().map(Signal::fullName).toList();
        return names.size() == 1 ? names.getFirst() + " was"
                : String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.getLast() + " were";
    }

    /** The signals named in a comma-separated list ("TERM,INT"); unknown names are skipped. */
    static List<Signal> signalsIn(String list) {
        List<Signal> signals = new ArrayList<>();
        if (list == null) {
            return signals;
        }
        for (String name : list.split(",")) {
            try {
                if (!name.isBlank()) {
                    signals.add(Signal.parse(name));
                }
            } catch (IllegalArgumentException unknown) {
                // Written by the launcher; nothing a user typed.
            }
        }
        return signals;
    }
}
