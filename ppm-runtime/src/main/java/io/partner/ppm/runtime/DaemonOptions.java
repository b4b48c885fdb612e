package io.partner.ppm.runtime;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * How to run a daemon: where its configuration may be, its environment, and where its output goes.
 *
 * @param explicitConfig {@code --config FILE}, or null to search the usual places
 * @param trailingCommand a command given after {@code --}: it becomes the service {@code main} and the
 *     daemon exits with its exit code (empty for none)
 * @param environment the environment services inherit and {@code ${VAR}} expands from
 * @param home the user's home directory (for {@code ~/.partner-pm.yml})
 * @param workingDirectory where relative paths resolve
 * @param installation the installation folder (its {@code plugins/} is the default plugin folder), or null
 * @param stdout where service output goes
 * @param stderr where service errors and the daemon's own messages go
 * @param handleSignals whether to take over SIGTERM, SIGINT, SIGHUP and forward others (only for a real daemon process)
 * @param clock the clock for timestamps
 */
public record DaemonOptions(
        Path explicitConfig,
        List<String> trailingCommand,
        Map<String, String> environment,
        Path home,
        Path workingDirectory,
        Path installation,
        OutputStream stdout,
        OutputStream stderr,
        boolean handleSignals,
        Clock clock) {

    public DaemonOptions {
        trailingCommand = List.copyOf(trailingCommand);
        environment = Map.copyOf(environment);
    }

    /** The options of the daemon process itself: its environment, its stdout and stderr, signal handling on. */
    public static DaemonOptions ofProcess(Path explicitConfig, List<String> trailingCommand) {
        String installation = System.getProperty("ppm.home");
        return new DaemonOptions(explicitConfig, trailingCommand, System.getenv(),
                Path.of(System.getProperty("user.home")), Path.of("").toAbsolutePath(),
                installation == null ? null : Path.of(installation),
                new FileOutputStream(FileDescriptor.out), new FileOutputStream(FileDescriptor.err), true,
                Clock.systemUTC());
    }
}
