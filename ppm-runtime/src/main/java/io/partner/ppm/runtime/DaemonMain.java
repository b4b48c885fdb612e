package io.partner.ppm.runtime;

import io.partner.ppm.runtime.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** Runs the daemon in the foreground for {@code ppm daemon}: one error line and an exit code instead of a stack trace. */
public final class DaemonMain {

    /** The configuration is invalid (or a setting is refused): nothing was started. */
    public static final int EXIT_CONFIG = 2;
    /** The daemon could not start for another reason (a port in use, ...). */
    public static final int EXIT_FAILED = 1;

    private DaemonMain() {
    }

    /**
     * Takes over SIGTERM, SIGINT, SIGHUP and the forwarded signals for this process, keeping any that
     * arrive until the daemon can act on them. Called first thing in {@code main} when the process
     * will run the daemon: as PID 1, a signal without a handler is dropped, and until then the JVM's
     * own SIGTERM handler would end the process without stopping anything.
     */
    public static void takeOverSignals() {
        SignalHandlers.install();
    }

    /**
     * Starts the daemon, waits until it has shut down, and returns the code the process should exit
     * with: 0 after a clean shutdown (or a termination signal before start-up), the main service's
     * code with {@code exit_with} or a trailing command, 2 for a bad configuration, 1 when it could
     * not start, {@link FatalErrors#EXIT_CODE} after one of its threads died of an Error.
     */
    public static int run(Path config, List<String> trailingCommand) {
        if (!SignalHandlers.beginStartUp()) {
            // Nothing is started yet, so nothing needs stopping: exit as a shutdown would.
            System.err.println(SignalHandlers.BEFORE_START_UP);
            return 0;
        }
        FatalErrors fatalErrors = FatalErrors.install();
        Daemon daemon;
        try {
            daemon = Daemon.start(DaemonOptions.ofProcess(config, trailingCommand));
        } catch (ConfigException e) {
            System.err.println("ppm: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (IllegalArgumentException e) {
            System.err.println("ppm: " + e.getMessage());
            return EXIT_CONFIG;
        } catch (IOException | RuntimeException e) {
            System.err.println("ppm: cannot start: " + e.getMessage());
            return EXIT_FAILED;
        } catch (Error e) {
            // Nothing is supervised yet: one line, not a trace, and out.
            System.err.println("ppm: cannot start: " + e);
            return EXIT_FAILED;
        }
        fatalErrors.supervise(daemon::shutdown, daemon::shutdownTimeout);
        return daemon.awaitExit();
    }
}
