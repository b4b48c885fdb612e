package io.partner.ppm.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.Signal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A service's transitions, without processes: what each changes, and that readers see it at once. */
class ManagedServiceTest {

    private static final BackoffSpec BACKOFF = new BackoffSpec(Duration.ofSeconds(1), Duration.ofSeconds(10),
            Duration.ofSeconds(60), 5);

    private static ManagedService service() {
        return new ManagedService(ServiceSpec.builder("web", List.of("/bin/web")).backoff(BACKOFF).build(),
                ManagedService.Origin.CONFIG);
    }

    @Test
    void startedAndEndedArePublishedAtOnce() {
        ManagedService service = service();

        assertThat(service.started(42, 1_000)).isEqualTo(ServiceState.CREATED);
        assertThat(service.snapshot().state()).isEqualTo(ServiceState.RUNNING);
        assertThat(service.snapshot().pid()).isEqualTo(42);
        assertThat(service.snapshot().startedAt()).isEqualTo(1_000);

        assertThat(service.ended(ExitStatus.exited(3), 2_000)).isEqualTo(ServiceState.RUNNING);
        assertThat(service.snapshot().state()).isEqualTo(ServiceState.CRASHED);
        assertThat(service.snapshot().lastExit()).isEqualTo(ExitStatus.exited(3));
        assertThat(service.shellCode()).isEqualTo(3);
    }

    @Test
    void aStopAskedForEndsFinished() {
        ManagedService service = service();
        service.started(42, 0);
        service.stopAsked();

        service.ended(ExitStatus.killed(Signal.TERM.number(), false), 10);

        assertThat(service.state()).isEqualTo(ServiceState.FINISHED);
        assertThat(service.reason()).startsWith("stopped on request");
    }

    @Test
    void aFailedStartKeepsTheShellCodeUntilTheNextRealEnd() {
        ManagedService service = service();

        service.failedToStart("no such file", 127);
        assertThat(service.snapshot().state()).isEqualTo(ServiceState.CRASHED);
        assertThat(service.snapshot().reason()).isEqualTo("no such file");
        assertThat(service.shellCode()).isEqualTo(127);

        service.started(7, 0);
        service.ended(ExitStatus.exited(0), 1);
        assertThat(service.shellCode()).isZero();
    }

    @Test
    void pausedAndResumedOnlyFromTheMatchingState() {
        ManagedService service = service();
        assertThat(service.paused("paused by SIGSTOP")).as("not running yet").isFalse();

        service.started(42, 0);
        assertThat(service.resumed()).as("not paused").isFalse();
        assertThat(service.paused("paused by SIGSTOP")).isTrue();
        assertThat(service.snapshot().state()).isEqualTo(ServiceState.STOPPED);
        assertThat(service.resumed()).isTrue();
        assertThat(service.snapshot().state()).isEqualTo(ServiceState.RUNNING);
    }

    @Test
    void aLongRunGivesBackTheRestartBudgetAndAFreshStartDoesToo() {
        ManagedService service = service();
        service.started(1, 0);
        service.restarting();
        service.restarting();
        assertThat(service.snapshot().restarts()).isEqualTo(2);

        service.ended(ExitStatus.exited(1), 1_000);
        assertThat(service.snapshot().restarts()).as("a short run keeps the count").isEqualTo(2);
        service.started(2, 1_000);
        service.ended(ExitStatus.exited(1), 1_000 + BACKOFF.resetAfter().toMillis());
        assertThat(service.snapshot().restarts()).as("a run of reset_after resets it").isZero();
        assertThat(service.snapshot().totalRestarts()).isEqualTo(2);

        service.restarting();
        service.gaveUp();
        assertThat(service.snapshot().gaveUp()).isTrue();
        assertThat(service.snapshot().reason()).startsWith("gave up after 1 restarts; last: ");
        service.freshBudget();
        assertThat(service.snapshot().restarts()).isZero();
        assertThat(service.snapshot().gaveUp()).isFalse();
    }

    @Test
    void aCancelledRestartIsNoLongerDueAndItsTaskIsCancelled() {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            ManagedService service = service();
            ScheduledFuture<?> task = timer.schedule(() -> { }, 1, TimeUnit.HOURS);
            service.scheduleRestart(5_000, task);
            assertThat(service.snapshot().nextRestartAt()).isEqualTo(5_000);

            service.cancelRestart("stopped on request");

            assertThat(task.isCancelled()).isTrue();
            assertThat(service.restartDue()).isFalse();
            assertThat(service.snapshot().nextRestartAt()).isZero();
            assertThat(service.snapshot().reason()).isEqualTo("stopped on request");
        } finally {
            timer.shutdownNow();
        }
    }

    @Test
    void aStartWaitingForItsEnvFileIsReplacedByACancel() {
        ManagedService service = service();
        CompletableFuture<Object> read = new CompletableFuture<>();
        service.readingEnvFile(read);
        assertThat(service.snapshot().reason()).startsWith("starting: reading env_file");

        service.cancelPlans("daemon shutting down");

        assertThat(service.takePendingStart(read)).isFalse();
        assertThat(service.snapshot().reason()).isEqualTo("daemon shutting down");
    }

    @Test
    void waitingEndsWithTheStart() {
        ManagedService service = service();
        service.waitFor(List.of("db (started)"));
        assertThat(service.waiting()).isTrue();
        assertThat(service.snapshot().reason()).isEqualTo("waiting for db (started)");

        service.starting();

        assertThat(service.waiting()).isFalse();
    }

    @Test
    void theStepAfterAStopRunsOnce() {
        ManagedService service = service();
        int[] runs = new int[1];
        service.afterStop(() -> runs[0]++);

        Runnable then = service.stopped();
        then.run();

        assertThat(runs[0]).isEqualTo(1);
        assertThat(service.stopped()).isNull();
        assertThat(service.stopping()).isNull();
    }
}
