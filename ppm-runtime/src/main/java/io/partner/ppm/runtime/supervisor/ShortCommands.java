package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.process.ChildProcess;
import io.partner.ppm.runtime.process.ChildProcesses;
import io.partner.ppm.runtime.process.SpawnException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;

/**
 * Short commands outside any service (for plugins): spawned from the supervisor loop, their output
 * copied to the daemon's log, their process group killed at the timeout.
 */
final class ShortCommands {

    private final ChildProcesses children;
    private final ServiceEnvironment environment;
    private final SupervisorLoop loop;
    private final Consumer<String> log;

    ShortCommands(ChildProcesses children, ServiceEnvironment environment, SupervisorLoop loop, Consumer<String> log) {
        this.children = children;
        this.environment = environment;
        this.loop = loop;
        this.log = log;
    }

    /** The future completes off the supervisor's threads; a command that cannot start fails it with one line. */
    CompletableFuture<ExitStatus> run(List<String> argv, Map<String, String> env, Duration timeout) {
        CompletableFuture<ExitStatus> result = new CompletableFuture<>();
        loop.post("running a command", () -> {
            try {
                ChildProcess child = children.spawn(environment.command(argv, env), event -> {
                    if (event.isTermination()) {
                        result.completeAsync(event::toExitStatus);
                    }
                });
                String label = Path.of(argv.getFirst()).getFileName().toString();
                CommandOutput.drain(child, label, log);
                ScheduledFuture<?> kill = loop.schedule("ending a command",
                        () -> children.signalGroup(child.pid(), Signal.KILL.number()), timeout);
                result.whenComplete((status, error) -> kill.cancel(false));
            } catch (SpawnException | RuntimeException e) {
                result.completeExceptionally(new IllegalArgumentException(e.getMessage()));
            }
        });
        return result;
    }
}
