package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.Signal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ChildEventReportingTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    private static ChildProcesses processes;

    @BeforeAll
    static void open() {
        processes = ChildProcesses.open();
    }

    @AfterAll
    static void close() {
        processes.close();
    }

    private ChildEvent runToEnd(String script) throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("sh", "-c", script), ENV), listener);
        child.closeStreams();
        ChildEvent event = listener.termination();
        assertThat(event.pid()).isEqualTo(child.pid());
        return event;
    }

    @Test
    void exitCodeIsReportedAsExited() throws Exception {
        ChildEvent event = runToEnd("exit 7");

        assertThat(event.kind()).isEqualTo(ChildEvent.Kind.EXITED);
        assertThat(event.status()).isEqualTo(7);
        assertThat(event.toExitStatus()).isEqualTo(ExitStatus.exited(7));
    }

    @Test
    void deathBySignalIsReportedAsKilledWithTheSignal() throws Exception {
        ChildEvent event = runToEnd("kill -TERM $$");

        assertThat(event.kind()).isEqualTo(ChildEvent.Kind.KILLED);
        assertThat(event.status()).isEqualTo(15);
        assertThat(event.toExitStatus()).isEqualTo(ExitStatus.killed(15, false));
    }

    @Test
    void exitCodeThatLooksLikeASignalStaysAnExitCode() throws Exception {
        ChildEvent event = runToEnd("exit 143");

        assertThat(event.kind()).isEqualTo(ChildEvent.Kind.EXITED);
        assertThat(event.status()).isEqualTo(143);
        assertThat(event.toExitStatus().isSignal()).isFalse();
    }

    @Test
    void sigkillFromTheDaemonIsReportedAsKilled() throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("sleep", "30"), ENV), listener);
        child.closeStreams();

        assertThat(processes.signal(child.pid(), Signal.KILL.number())).isTrue();

        ChildEvent event = listener.termination();
        assertThat(event.kind()).isEqualTo(ChildEvent.Kind.KILLED);
        assertThat(event.status()).isEqualTo(9);
    }

    @Test
    void coreDumpSignalIsReportedWithItsNumberWhetherOrNotACoreWasWritten() throws Exception {
        ChildEvent event = runToEnd("kill -QUIT $$");

        // A core is written only when the core size limit allows it.
        assertThat(event.kind()).isIn(ChildEvent.Kind.KILLED, ChildEvent.Kind.DUMPED);
        assertThat(event.status()).isEqualTo(Signal.QUIT.number());
        assertThat(event.toExitStatus().signal()).isEqualTo(Signal.QUIT.number());
        assertThat(event.toExitStatus().coreDumped()).isEqualTo(event.kind() == ChildEvent.Kind.DUMPED);
    }

    @Test
    void stopAndContinueAreReportedAndTheChildLivesOn() throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("sleep", "30"), ENV), listener);
        child.closeStreams();

        processes.signal(child.pid(), Signal.STOP.number());
        ChildEvent stopped = listener.next();
        processes.signal(child.pid(), Signal.CONT.number());
        ChildEvent continued = listener.next();
        processes.signal(child.pid(), Signal.TERM.number());
        ChildEvent ended = listener.next();

        assertThat(stopped).isEqualTo(new ChildEvent(child.pid(), ChildEvent.Kind.STOPPED, Signal.STOP.number()));
        assertThat(continued).isEqualTo(new ChildEvent(child.pid(), ChildEvent.Kind.CONTINUED, Signal.CONT.number()));
        assertThat(ended).isEqualTo(new ChildEvent(child.pid(), ChildEvent.Kind.KILLED, Signal.TERM.number()));
        assertThatThrownBy(stopped::toExitStatus).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has not ended");
    }

    @Test
    void signallingAProcessThatIsGoneReturnsFalse() throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("true"), ENV), listener);
        child.closeStreams();
        listener.termination();

        assertThat(processes.signal(child.pid(), Signal.TERM.number())).isFalse();
        assertThat(processes.signalGroup(child.pid(), Signal.TERM.number())).isFalse();
    }

    @Test
    void signallingEveryProcessByAccidentIsRefused() {
        assertThatThrownBy(() -> processes.signal(-1, Signal.KILL.number()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pid must be positive");
        assertThatThrownBy(() -> processes.signalGroup(0, Signal.KILL.number()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("process group must be positive");
    }
}
