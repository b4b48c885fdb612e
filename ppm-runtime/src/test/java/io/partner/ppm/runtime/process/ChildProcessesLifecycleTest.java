package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildProcessesLifecycleTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    @Test
    void failingListenerDoesNotStopTheReaper() throws Exception {
        try (ChildProcesses processes = ChildProcesses.open()) {
            ChildProcess first = processes.spawn(SpawnRequest.of(List.of("true"), ENV), event -> {
                throw new IllegalStateException("listener bug");
            });
            first.closeStreams();
            RecordingListener listener = new RecordingListener();
            ChildProcess second = processes.spawn(SpawnRequest.of(List.of("sh", "-c", "exit 3"), ENV), listener);
            second.closeStreams();

            assertThat(listener.termination()).isEqualTo(new ChildEvent(second.pid(), ChildEvent.Kind.EXITED, 3));
        }
    }

    @Test
    void closedProcessLayerRefusesToStartProcesses() {
        ChildProcesses processes = ChildProcesses.open();
        processes.close();

        assertThatThrownBy(() -> processes.spawn(SpawnRequest.of(List.of("true"), ENV), new RecordingListener()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot start a process: the process layer is closed");
    }

    @Test
    void currentPidIsThisJvm() {
        assertThat(ChildProcesses.currentPid()).isEqualTo(ProcessHandle.current().pid());
    }
}
