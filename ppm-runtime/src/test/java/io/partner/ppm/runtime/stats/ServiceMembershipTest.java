package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.process.ChildProcess;
import io.partner.ppm.runtime.process.ChildProcesses;
import io.partner.ppm.runtime.process.SpawnRequest;
import io.partner.ppm.runtime.process.StatLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Stopping a service and measuring it see the same processes: a real service whose tree escapes
 * its leader in every way a shell allows is found whole, and alike, by
 * {@link ChildProcesses#serviceProcesses} (what a stop signals) and by {@link ProcessSampler} (what
 * {@code ppm stats} counts).
 */
class ServiceMembershipTest {

    private static final String SERVICE = "escaper";
    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin", "PPM_SERVICE_NAME", SERVICE);
    private static final Duration DEADLINE = Duration.ofSeconds(30);

    /**
     * A leader (finally {@code sleep}) that leaves behind: a double-forked sleep that also started a
     * session of its own, so only its {@code PPM_SERVICE_NAME} ties it to the service; a double-forked
     * sleep that kept the group; a job-control child in a group of its own but in the session; and a
     * child that started its own session.
     */
    private static final String ESCAPING_SERVICE = """
            bash -c 'setsid sleep 31 &'
            (sleep 32 &)
            set -m; sleep 33 & set +m
            setsid sleep 34 &
            exec sleep 35
            """;

    private ChildProcesses processes;
    private ProcessSampler sampler;
    private ChildProcess leader;

    @BeforeEach
    void open() {
        processes = ChildProcesses.open();
        sampler = new ProcessSampler();
    }

    @AfterEach
    void close() {
        if (leader != null) {
            processes.serviceProcesses(Map.of(leader.pid(), SERVICE))
                    .get(leader.pid()).forEach(pid -> processes.signal(pid, Signal.KILL.number()));
            processes.signal(leader.pid(), Signal.KILL.number());
        }
        sampler.close();
        processes.close();
    }

    @Test
    void stoppingAndStatsSeeTheSameDoubleForkedJobControlAndSetsidTree() throws Exception {
        leader = processes.spawn(SpawnRequest.of(List.of("bash", "-c", ESCAPING_SERVICE), ENV), event -> { });
        leader.closeStreams();
        long daemon = ChildProcesses.currentPid();
        long leaderPid = leader.pid();

        await().atMost(DEADLINE).until(() -> hasEveryEscape(stopSet(), leaderPid, daemon));
        Set<Long> stopping = stopSet();
        sampler.sample(Map.of(SERVICE, leaderPid));
        Set<Long> stats = sampler.lastPids(SERVICE);

        assertThat(hasEveryEscape(stopping, leaderPid, daemon)).isTrue();
        assertThat(stats).isEqualTo(stopping).hasSize(5);
        Set<Long> adoptedOwnSession = adoptedWithOwnSession(stopping, leaderPid, daemon);
        assertThat(adoptedOwnSession).hasSize(1);
        assertThat(processes.processTree(leaderPid)).as("without the name, the adopted setsid process is lost")
                .hasSize(4).doesNotContainAnyElementsOf(adoptedOwnSession);
    }

    private Set<Long> stopSet() {
        return processes.serviceProcesses(Map.of(leader.pid(), SERVICE)).get(leader.pid());
    }

    /** The leader, and one each of: adopted with its own session, adopted in the group, job-control child, setsid child. */
    private static boolean hasEveryEscape(Set<Long> tree, long leaderPid, long daemon) {
        if (tree.size() != 5 || !tree.contains(leaderPid)) {
            return false;
        }
        int adoptedOwnSession = 0;
        int adoptedInGroup = 0;
        int jobControl = 0;
        int ownSession = 0;
        for (long pid : tree) {
            long[] stat = treeFields(pid);
            if (stat == null || pid == leaderPid) {
                continue;
            }
            long ppid = stat[0];
            long pgrp = stat[1];
            long session = stat[2];
            if (ppid == daemon && session == pid) {
                adoptedOwnSession++;
            } else if (ppid == daemon && pgrp == leaderPid) {
                adoptedInGroup++;
            } else if (ppid == leaderPid && session == leaderPid && pgrp == pid) {
                jobControl++;
            } else if (ppid == leaderPid && session == pid) {
                ownSession++;
            }
        }
        return adoptedOwnSession == 1 && adoptedInGroup == 1 && jobControl == 1 && ownSession == 1;
    }

    private static Set<Long> adoptedWithOwnSession(Set<Long> tree, long leaderPid, long daemon) {
        Set<Long> found = new HashSet<>();
        for (long pid : tree) {
            long[] stat = treeFields(pid);
            if (pid != leaderPid && stat != null && stat[0] == daemon && stat[2] == pid) {
                found.add(pid);
            }
        }
        return found;
    }

    /** ppid, pgrp and session of a live process, from /proc; null once it is gone. */
    private static long[] treeFields(long pid) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException gone) {
            return null;
        }
        StatLine stat = new StatLine();
        return stat.parse(bytes, bytes.length) ? new long[] {stat.ppid(), stat.pgrp(), stat.session()} : null;
    }
}
