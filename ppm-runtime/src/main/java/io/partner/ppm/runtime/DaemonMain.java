package io.partner.ppm.runtime;

import java.nio.file.Path;
import java.util.List;

/** Runs the daemon in the foreground until it shuts down: the body of {@code ppm daemon}. */
public final class DaemonMain {

    private DaemonMain() {
    }

    /**
     * Runs the daemon.
     *
     * @param configOrNull the configuration file given with {@code --config}, or null to look it up
     * @param trailingCommand the command after {@code --}, which becomes the main service; empty for none
     * @return the process exit code
     */
    public static int run(Path configOrNull, List<String> trailingCommand) {
        System.err.println("ppm: the daemon is not part of this build");
        return 1;
    }
}
