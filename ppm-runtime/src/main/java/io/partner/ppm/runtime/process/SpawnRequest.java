package io.partner.ppm.runtime.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to start.
 *
 * @param argv the argument vector; {@code argv[0]} is a path (when it contains a '/') or a command
 *     looked up in the {@code PATH} of {@code environment}
 * @param environment the complete environment of the child: nothing of the daemon's is added
 * @param cwd the child's working directory, or null for the daemon's
 * @param user the user (a name or uid in {@code /etc/passwd}, or numeric {@code uid:gid}) to run as,
 *     or null for the daemon's user. See {@link ChildProcesses#spawn} for how.
 * @param onTerminal run in the foreground of the daemon's terminal: the child inherits the daemon's
 *     stdin, stdout and stderr (nothing is relayed) and stays in the daemon's session, in a process
 *     group of its own that becomes the terminal's foreground group
 */
public record SpawnRequest(List<String> argv, Map<String, String> environment, Path cwd, String user,
                           boolean onTerminal) {

    /** A request for a child of its own session, with pipes for its output. */
    public SpawnRequest(List<String> argv, Map<String, String> environment, Path cwd, String user) {
        this(argv, environment, cwd, user, false);
    }

    public SpawnRequest {
        argv = List.copyOf(argv);
        if (argv.isEmpty() || argv.getFirst().isEmpty()) {
            throw new IllegalArgumentException("empty command");
        }
        environment = Map.copyOf(environment);
        argv.forEach(arg -> requireNoNul(arg, "argument"));
        environment.forEach((name, value) -> {
            if (name.isEmpty() || name.indexOf('=') >= 0) {
                throw new IllegalArgumentException("invalid environment variable name '" + name + "'");
            }
            requireNoNul(name, "environment variable name");
            requireNoNul(value, "value of environment variable " + name);
        });
        if (user != null && user.isBlank()) {
            throw new IllegalArgumentException("empty user name");
        }
    }

    /** A request to run {@code argv} with this environment, in the daemon's directory, as the daemon's user. */
    public static SpawnRequest of(List<String> argv, Map<String, String> environment) {
        return new SpawnRequest(argv, environment, null, null);
    }

    private static void requireNoNul(String text, String what) {
        Objects.requireNonNull(text, what);
        if (text.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " contains a NUL character: " + text.replace('\0', '?'));
        }
    }
}
