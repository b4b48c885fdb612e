package io.partner.ppm.cli.command;

import io.partner.ppm.api.management.DaemonEndpoints;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts the daemon in the background for {@code ppm daemon --detach}: the same command line
 * without {@code --detach}, in a new session ({@code setsid}), stdin from /dev/null, output appended to
 * {@code daemon.log} next to the runtime file. Returns once the daemon's runtime file names the new
 * process, so the next {@code ppm} command finds it.
 *
 * <p>This runs in the {@code ppm} command's JVM, never in the daemon's, so starting a process with
 * {@link ProcessBuilder} is safe here.
 */
final class Detacher {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Context context;

    Detacher(Context context) {
        this.context = context;
    }

    int launch() throws IOException, InterruptedException {
        Path runtimeFile = context.endpoints().runtimeFile();
        Path log = runtimeFile.toAbsolutePath().getParent().resolve("daemon.log");
        Files.createDirectories(log.getParent());
        Process daemon = new ProcessBuilder(commandLine())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectErrorStream(true)
                .start();
        DaemonEndpoints endpoints = awaitRuntimeFile(daemon);
        context.out().println("ppm daemon started, pid " + daemon.pid() + "; output in " + log);
        if (endpoints.jolokiaUrl() != null) {
            context.out().println("  Jolokia: " + endpoints.jolokiaUrl());
        }
        if (endpoints.jmxUrl() != null) {
            context.out().println("  JMX:     " + endpoints.jmxUrl());
        }
        return ExitCodes.OK;
    }

    private DaemonEndpoints awaitRuntimeFile(Process daemon) throws InterruptedException {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            DaemonEndpoints endpoints = context.endpoints().readRuntimeFile();
            if (endpoints != null && endpoints.pid() == daemon.pid()) {
                return endpoints;
            }
            if (daemon.waitFor(100, TimeUnit.MILLISECONDS)) {
                throw new CliException.OperationFailed("the daemon exited with code " + daemon.exitValue()
                        + " before it was ready; see " + context.endpoints().runtimeFile().getParent().resolve("daemon.log"));
            }
        }
        throw new CliException.OperationFailed("the daemon (pid " + daemon.pid() + ") did not write "
                + context.endpoints().runtimeFile() + " within " + READY_TIMEOUT.toSeconds() + " s");
    }

    /** This JVM's command line without {@code --detach}, run through setsid when it exists. */
    private static List<String> commandLine() {
        ProcessHandle.Info self = ProcessHandle.current().info();
        String java = self.command().orElseThrow(() -> new CliException.OperationFailed(
                "cannot start the daemon in the background: this process's command line is unknown"));
        List<String> argv = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            argv.add("/usr/bin/setsid");
        }
        argv.add(java);
        boolean removed = false;
        for (String argument : self.arguments().orElse(new String[0])) {
            if (!removed && argument.equals("--detach")) {
                removed = true;
                continue;
            }
            argv.add(argument);
        }
        if (!removed) {
            throw new CliException.OperationFailed("cannot start the daemon in the background: --detach is not on this "
                    + "process's command line");
        }
        return argv;
    }
}
