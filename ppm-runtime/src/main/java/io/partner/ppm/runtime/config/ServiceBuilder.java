package io.partner.ppm.runtime.config;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.DependencyCondition;
import io.partner.ppm.api.KillMode;
import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Collects the fields of one service while its keys are read; starts from the built-in defaults. */
final class ServiceBuilder {

    static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(5);

    String name;
    List<String> command;
    boolean shell;
    String cwd;
    final Map<String, String> env = new LinkedHashMap<>();
    String envFile;
    String user;
    String restart = ServiceSpec.ON_FAILURE;
    BackoffSpec backoff = BackoffSpec.DEFAULT;
    Signal stopSignal = Signal.TERM;
    Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
    Set<Integer> successExitCodes = Set.of(0);
    final Map<String, DependencyCondition> dependsOn = new LinkedHashMap<>();
    final Map<String, Mark> dependencyMarks = new LinkedHashMap<>();
    boolean autostart = true;
    boolean logGiven;
    Mark logMark;
    String logFile;
    long logMaxSize = LogFileSpec.DEFAULT_MAX_SIZE;
    int logMaxFiles = LogFileSpec.DEFAULT_MAX_FILES;
    final Map<String, Object> extensions = new LinkedHashMap<>();
    KillMode killMode = KillMode.GROUP;

    ServiceBuilder(String name) {
        this.name = name;
    }

    ServiceSpec build() {
        LogFileSpec log = logFile == null ? null : new LogFileSpec(logFile, logMaxSize, logMaxFiles);
        return new ServiceSpec(name, command, shell, cwd, env, envFile, user, restart, backoff, stopSignal, stopTimeout,
                successExitCodes, dependsOn, autostart, log, extensions, killMode);
    }
}
