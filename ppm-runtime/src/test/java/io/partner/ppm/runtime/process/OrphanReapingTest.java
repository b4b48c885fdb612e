package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OrphanReapingTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static ChildProcesses processes;

    @BeforeAll
    static void open() {
        processes = ChildProcesses.open();
    }

    @AfterAll
    static void close() {
        processes.close();
    }

    @Test
    void doubleForkedGrandchildrenComeBackToTheDaemonAndAreReapedAndCounted() throws Exception {
        long orphansBefore = processes.orphansReaped();
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(
                List.of("sh", "-c", "(sleep 30 &); (sleep 30 &); exit 0"), ENV), listener);
        child.closeStreams();
        assertThat(listener.termination().kind()).isEqualTo(ChildEvent.Kind.EXITED);

        await().atMost(DEADLINE).until(() -> processes.processTree(child.pid()).size() == 2);
        Set<Long> grandchildren = processes.processTree(child.pid());
        for (long grandchild : grandchildren) {
            assertThat(ProcFs.stat(grandchild).ppid()).as("parent of orphan %d", grandchild)
                    .isEqualTo(ChildProcesses.currentPid());
        }

        processes.signalGroup(child.pid(), Signal.KILL.number());

        await().atMost(DEADLINE).until(() -> processes.orphansReaped() >= orphansBefore + 2);
        await().atMost(DEADLINE).until(() -> ProcFs.zombieChildrenOfThisJvm().isEmpty());
        assertThat(grandchildren).allSatisfy(pid -> assertThat(ProcFs.statIfAlive(pid)).isEmpty());
    }
}
