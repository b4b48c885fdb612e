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

/**
 * Collects the fields of one service while its keys are read, with where they were written; starts
 * from the defaults stated once in {@link ServiceSpec}.
 */
final class ServiceBuilder {

    String name;
    List<String> command;
    boolean shell;
    String cwd;
    final Map<String, String> env = new LinkedHashMap<>();
    String envFile;
    String user;
    String restart = ServiceSpec.DEFAULT_RESTART;
    BackoffSpec backoff = BackoffSpec.DEFAULT;
    Signal stopSignal = ServiceSpec.DEFAULT_STOP_SIGNAL;
    Duration stopTimeout = ServiceSpec.DEFAULT_STOP_TIMEOUT;
    Set<Integer> successExitCodes = ServiceSpec.DEFAULT_SUCCESS_EXIT_CODES;
    final Map<String, DependencyCondition> dependsOn = new LinkedHashMap<>();
    final Map<String, Mark> dependencyMarks = new LinkedHashMap<>();
    boolean autostart = ServiceSpec.DEFAULT_AUTOSTART;
    boolean logGiven;
    Mark logMark;
    String logFile;
    long logMaxSize = LogFileSpec.DEFAULT_MAX_SIZE;
    int logMaxFiles = LogFileSpec.DEFAULT_MAX_FILES;
    final Map<String, Object> extensions = new LinkedHashMap<>();
    KillMode killMode = ServiceSpec.DEFAULT_KILL_MODE;

    ServiceBuilder(String name) {
        this.name = name;
    }

    ServiceSpec build() {
        LogFileSpec log = logFile == null ? null : new LogFileSpec(logFile, logMaxSize, logMaxFiles);
        return ServiceSpec.builder(name, command).shell(shell).cwd(cwd).env(env).envFile(envFile).user(user).restart(restart).backoff(backoff)
                .stopSignal(stopSignal).stopTimeout(stopTimeout).successExitCodes(successExitCodes)
                .dependsOn(dependsOn).autostart(autostart).log(log).extensions(extensions).killMode(killMode).build();
    }
}
