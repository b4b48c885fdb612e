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
 * <p>Build one with {@link #builder(String, List)}, which starts every optional field at its default
 * (the {@code DEFAULT_} constants here, {@link BackoffSpec#DEFAULT}), or change one with
 * {@link #toBuilder()}.
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

    // The defaults of the optional fields, stated here only: the configuration reader, the daemon's
    // trailing command and the tests all start from them (through builder(...)).

    /** The restart policy when none is given: restart after a crash, not after a normal end. */
    public static final String DEFAULT_RESTART = ON_FAILURE;

    /** The signal sent to stop a service when none is given. */
    public static final Signal DEFAULT_STOP_SIGNAL = Signal.TERM;

    /** How long a service may take to stop before SIGKILL, when not given. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    /** The exit codes that count as a normal end when none are given. */
    public static final Set<Integer> DEFAULT_SUCCESS_EXIT_CODES = Set.of(0);

    /** Whether the daemon starts a service on its own when not told. */
    public static final boolean DEFAULT_AUTOSTART = true;

    /** What happens to a service's leftover processes when not told. */
    public static final KillMode DEFAULT_KILL_MODE = KillMode.GROUP;

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

    /**
     * A builder for a spec that runs {@code command} as an argument vector, with every optional field at
     * its default (see the {@code DEFAULT_} constants, {@link BackoffSpec#DEFAULT}; no cwd, env file,
     * user, dependencies, log file or extensions).
     */
    public static Builder builder(String name, List<String> command) {
        return new Builder(name, command);
    }

    /** A spec with every optional field at its default. */
    public static ServiceSpec of(String name, List<String> command) {
        return builder(name, command).build();
    }

    /** A builder that starts from this spec's fields. */
    public Builder toBuilder() {
        return new Builder(this);
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

    /** This spec with another {@code autostart}. */
    public ServiceSpec withAutostart(boolean value) {
        return toBuilder().autostart(value).build();
    }

    /** This spec with other plugin keys. */
    public ServiceSpec withExtensions(Map<String, Object> value) {
        return toBuilder().extensions(value).build();
    }

    /**
     * Builds a {@link ServiceSpec} field by field, starting from the defaults. The spec's own
     * constructor checks the fields when {@link #build()} is called.
     */
    public static final class Builder {

        private String name;
        private List<String> command;
        private boolean shell;
        private String cwd;
        private Map<String, String> env = Map.of();
        private String envFile;
        private String user;
        private String restart = DEFAULT_RESTART;
        private BackoffSpec backoff = BackoffSpec.DEFAULT;
        private Signal stopSignal = DEFAULT_STOP_SIGNAL;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private Set<Integer> successExitCodes = DEFAULT_SUCCESS_EXIT_CODES;
        private Map<String, DependencyCondition> dependsOn = Map.of();
        private boolean autostart = DEFAULT_AUTOSTART;
        private LogFileSpec log;
        private Map<String, Object> extensions = Map.of();
        private KillMode killMode = DEFAULT_KILL_MODE;

        private Builder(String name, List<String> command) {
            this.name = name;
            this.command = command;
        }

        private Builder(ServiceSpec spec) {
            name = spec.name;
            command = spec.command;
            shell = spec.shell;
            cwd = spec.cwd;
            env = spec.env;
            envFile = spec.envFile;
            user = spec.user;
            restart = spec.restart;
            backoff = spec.backoff;
            stopSignal = spec.stopSignal;
            stopTimeout = spec.stopTimeout;
            successExitCodes = spec.successExitCodes;
            dependsOn = spec.dependsOn;
            autostart = spec.autostart;
            log = spec.log;
            extensions = spec.extensions;
            killMode = spec.killMode;
        }

        public Builder name(String value) {
            name = value;
            return this;
        }

        /** The argument vector, or with {@link #shell(boolean) shell} one line for {@code /bin/sh -c}. */
        public Builder command(List<String> value) {
            command = value;
            return this;
        }

        public Builder shell(boolean value) {
            shell = value;
            return this;
        }

        /** One command line, run by {@code /bin/sh -c}. */
        public Builder shellCommand(String line) {
            command = List.of(line);
            shell = true;
            return this;
        }

        public Builder cwd(String value) {
            cwd = value;
            return this;
        }

        public Builder env(Map<String, String> value) {
            env = value;
            return this;
        }

        public Builder envFile(String value) {
            envFile = value;
            return this;
        }

        public Builder user(String value) {
            user = value;
            return this;
        }

        public Builder restart(String value) {
            restart = value;
            return this;
        }

        public Builder backoff(BackoffSpec value) {
            backoff = value;
            return this;
        }

        public Builder stopSignal(Signal value) {
            stopSignal = value;
            return this;
        }

        public Builder stopTimeout(Duration value) {
            stopTimeout = value;
            return this;
        }

        public Builder successExitCodes(Set<Integer> value) {
            successExitCodes = value;
            return this;
        }

        public Builder dependsOn(Map<String, DependencyCondition> value) {
            dependsOn = value;
            return this;
        }

        public Builder autostart(boolean value) {
            autostart = value;
            return this;
        }

        public Builder log(LogFileSpec value) {
            log = value;
            return this;
        }

        public Builder extensions(Map<String, Object> value) {
            extensions = value;
            return this;
        }

        public Builder killMode(KillMode value) {
            killMode = value;
            return this;
        }

        /** The spec; throws {@link IllegalArgumentException} or {@link NullPointerException} for invalid fields. */
        public ServiceSpec build() {
            return new ServiceSpec(name, command, shell, cwd, env, envFile, user, restart, backoff, stopSignal,
                    stopTimeout, successExitCodes, dependsOn, autostart, log, extensions, killMode);
        }
    }
}
