package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.Signal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * A leader (finally {@code sleep}) that leaves behind: a double-forked sleep that kept the
     * group; a sleep started by a job-control shell, in a group of its own but in the session, whose
     * parent is gone; and a sleep that started its own session but is still the leader's child.
     */
    private static final String ESCAPING_SERVICE = """
            (sleep 30 &)
            bash -c 'set -m; sleep 30 &'
            setsid sleep 30 &
            exec sleep 30
            """;

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
    void treeHoldsTheGroupTheSessionAndTheDescendantsOfTheLeader() throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess leader = processes.spawn(SpawnRequest.of(List.of("sh", "-c", ESCAPING_SERVICE), ENV), listener);
        leader.closeStreams();
        long self = ChildProcesses.currentPid();
        try {
            // Size 4 alone can be reached before setsid(2) ran or while an intermediate shell lives.
            await().atMost(DEADLINE).until(() -> processes.processTree(leader.pid()).size() == 4
                    && processes.processTree(leader.pid()).stream().map(ProcFs::statIfAlive).flatMap(Optional::stream)
                            .anyMatch(p -> p.session() != leader.pid() && p.ppid() == leader.pid()));
            Set<Long> tree = processes.processTree(leader.pid());

            List<ProcStat> members = tree.stream().map(ProcFs::stat).toList();
            assertThat(members).filteredOn(p -> p.pid() == leader.pid()).hasSize(1);
            assertThat(members).as("double-forked, kept the group")
                    .filteredOn(p -> p.pid() != leader.pid() && p.pgrp() == leader.pid() && p.ppid() == self).hasSize(1);
            assertThat(members).as("job-control child: own group, same session")
                    .filteredOn(p -> p.pgrp() != leader.pid() && p.session() == leader.pid() && p.ppid() == self)
                    .hasSize(1);
            assertThat(members).as("own session, still the leader's child")
                    .filteredOn(p -> p.session() != leader.pid() && p.ppid() == leader.pid()).hasSize(1);
        } finally {
            processes.processTree(leader.pid()).forEach(pid -> processes.signal(pid, Signal.KILL.number()));
        }
        assertThat(listener.termination().kind()).isEqualTo(ChildEvent.Kind.KILLED);
        await().atMost(DEADLINE).until(() -> processes.processTree(leader.pid()).isEmpty());
    }

    @Test
    void treesOfManyLeadersFromOnePassMatchTheTreeOfEach() throws Exception {
        RecordingListener first = new RecordingListener();
        RecordingListener second = new RecordingListener();
        ChildProcess a = processes.spawn(SpawnRequest.of(List.of("sh", "-c", "sleep 60 & sleep 61 & wait"), ENV), first);
        ChildProcess b = processes.spawn(SpawnRequest.of(List.of("sleep", "62"), ENV), second);
        a.closeStreams();
        b.closeStreams();
        try {
            await().atMost(DEADLINE).until(() -> processes.processTree(a.pid()).size() == 3);
            Map<Long, Set<Long>> trees = processes.processTrees(List.of(a.pid(), b.pid()));

            assertThat(trees.get(a.pid())).hasSize(3).isEqualTo(processes.processTree(a.pid()));
            assertThat(trees.get(b.pid())).containsExactly(b.pid());
        } finally {
            processes.signalGroup(a.pid(), Signal.KILL.number());
            processes.signalGroup(b.pid(), Signal.KILL.number());
        }
        first.termination();
        second.termination();
    }

    @Test
    void treeOfAProcessThatIsGoneIsEmpty() throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("true"), ENV), listener);
        child.closeStreams();
        listener.termination();

        assertThat(processes.processTree(child.pid())).isEmpty();
    }

    @Test
    void treeNeverContainsTheDaemonItself() {
        long self = ChildProcesses.currentPid();

        assertThat(processes.processTree(self)).doesNotContain(self);
    }
}
