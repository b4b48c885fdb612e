package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceState;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A thread of the daemon dying of an Error stops the daemon with exit code 70, or halts it at the deadline. */
class FatalErrorsTest {

    @TempDir
    Path dir;

    private final SyncBuffer err = new SyncBuffer();
    private final List<Integer> halted = new CopyOnWriteArrayList<>();
    private final List<Integer> shutdowns = new CopyOnWriteArrayList<>();
    private final FatalErrors handler = new FatalErrors(new PrintStream(err, true, StandardCharsets.UTF_8), halted::add);

    @Test
    void anErrorInADaemonThreadStopsTheDaemonAndHaltsOnlyAfterTheDeadline() throws Exception {
        handler.supervise(shutdowns::add, () -> Duration.ofMillis(200));

        dieIn("ppm-supervisor", new StackOverflowError());

        assertThat(shutdowns).containsExactly(FatalErrors.EXIT_CODE);
        assertThat(halted).as("not before shutdown.timeout + 1 s").isEmpty();
        assertThat(err.text()).startsWith("ppm: fatal: java.lang.StackOverflowError at ")
                .endsWith(" in thread ppm-supervisor: stopping every service and exiting with code 70\n")
                .hasLineCount(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> !halted.isEmpty());
        assertThat(halted).containsExactly(FatalErrors.EXIT_CODE);
    }

    @Test
    void anErrorBeforeTheDaemonRunsHaltsAtOnce() throws Exception {
        dieIn("ppm-reaper", new InternalError("broken"));

        await().atMost(Duration.ofSeconds(10)).until(() -> !halted.isEmpty());
        assertThat(halted).containsExactly(FatalErrors.EXIT_CODE);
        assertThat(err.text()).contains("java.lang.InternalError: broken", "in thread ppm-reaper: exiting with code 70");
    }

    @Test
    void aSecondErrorChangesNothing() throws Exception {
        handler.supervise(shutdowns::add, () -> Duration.ofSeconds(30));

        dieIn("ppm-events", new StackOverflowError());
        dieIn("ppm-timer-0", new StackOverflowError());

        assertThat(shutdowns).hasSize(1);
        assertThat(err.text()).hasLineCount(1);
    }

    @Test
    void aRuntimeExceptionOrAnErrorInAThreadTheDaemonDoesNotOwnIsOneLineAndNothingMore() throws Exception {
        handler.supervise(shutdowns::add, () -> Duration.ZERO);

        dieIn("ppm-stats", new IllegalStateException("odd"));
        dieIn("RMI TCP Connection(3)-127.0.0.1", new StackOverflowError());

        assertThat(shutdowns).isEmpty();
        assertThat(halted).isEmpty();
        assertThat(err.text().lines()).hasSize(2).allSatisfy(line -> assertThat(line).startsWith("ppm: internal error in thread "));
    }

    @Test
    void aRealDaemonStopsItsServicesAndEndsWithCode70() throws Exception {
        try (RunningDaemon running = RunningDaemon.start(dir, """
                services:
                  - name: sleeper
                    command: ["sleep", "1000"]
                """)) {
            running.awaitState("sleeper", ServiceState.RUNNING);
            long pid = running.info("sleeper").pid();
            handler.supervise(running.daemon::shutdown, running.daemon::shutdownTimeout);

            dieIn("ppm-supervisor", new StackOverflowError());

            assertThat(running.daemon.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(FatalErrors.EXIT_CODE);
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    private void dieIn(String threadName, Throwable failure) throws InterruptedException {
        Thread thread = Thread.ofPlatform().name(threadName).uncaughtExceptionHandler(handler).unstarted(() -> {
            throw sneaky(failure);
        });
        thread.start();
        thread.join();
    }

    private static RuntimeException sneaky(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
