package io.partner.ppm.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The definition of a service, as written in the configuration (defaults already applied).
 *
 * @param name unique, {@code [A-Za-z0-9][A-Za-z0-9._-]{0,63}}
 * @param command the argument vector; when {@code shell} is true it holds one string run by {@code /bin/sh -c}
 * @param shell whether the command was given as a single string for the shell
 * @param cwd working directory, or null for the daemon's
 * @param env extra environment variables (on top of the daemon's environment and {@code envFile})
 * @param envFile a file of {@code KEY=VALUE} lines, or null
 * @param user the user to run as, or null for the daemon's user
 * @param restart the restart policy: {@code on-failure}, {@code always}, {@code never} or a plugin's
 * @param backoff restart backoff
 * @param stopSignal the signal sent to stop the service
 * @param stopTimeout how long to wait after {@code stopSignal} before SIGKILL
 * @param successExitCodes exit codes that count as a normal end
 * @param dependsOn services this one waits for, and what it waits for
 * @param autostart whether the daemon starts it on its own
 * @param log optional log file, or null
 * @param extensions keys owned by plugins (e.g. {@code schedule}), as parsed YAML values
 *     (String, Number, Boolean, List, Map)
 * @param killMode what happens to the processes left behind when the main process ends on its own
 */
public record ServiceSpec(
        String name,
        List<String> command,
        boolean shell,
        String cwd,
        Map<String, String> env,
        String envFile,
        String user,
        String restart,
        BackoffSpec backoff,
        Signal stopSignal,
        Duration stopTimeout,
        Set<Integer> successExitCodes,
        Map<String, DependencyCondition> dependsOn,
        boolean autostart,
        LogFileSpec log,
        Map<String, Object> extensions,
        KillMode killMode) {

    /** What a service name must look like. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public static final String ON_FAILURE = "on-failure";
    public static final String ALWAYS = "always";
    public static final String NEVER = "never";

    public ServiceSpec {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(invalidName(name));
        }
        command = List.copyOf(command);
        if (command.isEmpty() || command.getFirst().isBlank()) {
            throw new IllegalArgumentException("service '" + name + "': empty command");
        }
        env = Map.copyOf(env);
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(stopSignal, "stopSignal");
        Objects.requireNonNull(stopTimeout, "stopTimeout");
        successExitCodes = Set.copyOf(successExitCodes);
        dependsOn = Map.copyOf(dependsOn);
        extensions = Map.copyOf(extensions);
        Objects.requireNonNull(killMode, "killMode");
    }

    /** A spec whose leftovers are cleared with the main process ({@link KillMode#GROUP}). */
    public ServiceSpec(String name, List<String> command, boolean shell, String cwd, Map<String, String> env,
                       String envFile, String user, String restart, BackoffSpec backoff, Signal stopSignal,
                       Duration stopTimeout, Set<Integer> successExitCodes, Map<String, DependencyCondition> dependsOn,
                       boolean autostart, LogFileSpec log, Map<String, Object> extensions) {
        this(name, command, shell, cwd, env, envFile, user, restart, backoff, stopSignal, stopTimeout, successExitCodes,
                dependsOn, autostart, log, extensions, KillMode.GROUP);
    }

    /** A spec with every optional field at its default: restart on failure, SIGTERM, 5 s stop timeout. */
    public static ServiceSpec of(String name, List<String> command) {
        return new ServiceSpec(name, command, false, null, Map.of(), null, null, ON_FAILURE, BackoffSpec.DEFAULT,
                Signal.TERM, Duration.ofSeconds(5), Set.of(0), Map.of(), true, null, Map.of());
    }

    /** The message for a name that does not match {@link #NAME}. */
    public static String invalidName(String name) {
        return "invalid service name '" + name + "': use letters, digits, '.', '_' or '-', starting with a letter or digit, at most 64 characters";
    }

    /** The command as one line, for display. */
    public String commandLine() {
        return shell ? command.getFirst() : String.join(" ", command);
    }

    /** The argument vector to execute: the command itself, or {@code /bin/sh -c COMMAND}. */
    public List<String> argv() {
        return shell ? List.of("/bin/sh", "-c", command.getFirst()) : command;
    }

    /** Whether the exit code counts as a normal end. */
    public boolean isSuccess(int exitCode) {
        return successExitCodes.contains(exitCode);
    }

    public ServiceSpec withAutostart(boolean value) {
        return new ServiceSpec(name, command, shell, cwd, env, envFile, user, restart, backoff, stopSignal, stopTimeout,
                successExitCodes, dependsOn, value, log, extensions);
    }

    public ServiceSpec withExtensions(Map<String, Object> value) {
        return new ServiceSpec(name, command, shell, cwd, env, envFile, user, restart, backoff, stopSignal, stopTimeout,
                successExitCodes, dependsOn, autostart, log, value);
    }
}
