package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partner.ppm.api.ServiceStats;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tree membership and interval arithmetic, on a /proc tree written by the test. */
class ProcessTreeAccountingTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private FakeProc proc;
    private final AtomicLong nanos = new AtomicLong(5 * SECOND);
    private ProcessSampler sampler;

    @BeforeEach
    void createSampler() {
        proc = new FakeProc(directory);
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        sampler = new ProcessSampler(directory, clock, nanos::get);
    }

    @Test
    void treeIsTheLeadersSessionAndGroupPlusDescendants() {
        proc.process(1, 0, 1, 1, 0, 100, 1)
                .process(100, 1, 100, 100, 0, 10, 1)          // the leader
                .process(101, 100, 100, 100, 0, 20, 2)        // a child in its group
                .process(102, 101, 102, 100, 0, 30, 3)        // a job-control child: own group, same session
                .process(103, 101, 103, 103, 0, 40, 4)        // a child that started a session of its own
                .process(104, 103, 103, 103, 0, 50, 5)        // ... and its child
                .process(200, 1, 200, 200, 0, 60, 6)          // another service
                .process(300, 1, 300, 300, 0, 70, 7);         // nobody's

        Map<String, ServiceStats> stats = sampler.sample(Map.of("web", 100L, "db", 200L));

        assertThat(stats.get("web").processes()).isEqualTo(5);
        assertThat(stats.get("web").rssBytes()).isEqualTo((10 + 20 + 30 + 40 + 50) * FakeProc.PAGE);
        assertThat(stats.get("web").threads()).isEqualTo(1 + 2 + 3 + 4 + 5);
        assertThat(stats.get("db").processes()).isEqualTo(1);
        assertThat(stats.get("db").rssBytes()).isEqualTo(60 * FakeProc.PAGE);
    }

    @Test
    void processesTheDaemonAdoptedCountForTheServiceNamedInTheirEnvironment() {
        Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
        ProcessSampler inDaemon = new ProcessSampler(directory, clock, nanos::get, 1);
        proc.process(1, 0, 1, 1, 0, 100, 1)                   // the daemon
                .process(100, 1, 100, 100, 0, 10, 1)          // the leader
                .process(110, 1, 110, 110, 0, 20, 1)          // double-forked, own session, adopted
                .write("110/environ", "PATH=/bin\0PPM_SERVICE_NAME=web\0")
                .process(111, 110, 111, 110, 0, 30, 1)        // ... its job-control child
                .process(120, 1, 120, 120, 0, 40, 1)          // adopted from a service not asked about
                .write("120/environ", "PPM_SERVICE_NAME=gone\0")
                .process(130, 1, 130, 130, 0, 50, 1);         // adopted, no name: nobody's

        assertThat(inDaemon.sample(Map.of("web", 100L)).get("web").processes()).isEqualTo(3);
        assertThat(inDaemon.lastPids("web")).containsExactlyInAnyOrder(100L, 110L, 111L);

        // The environment is read once per process: the next round places 110 without it.
        proc.write("110/environ", "");
        assertThat(inDaemon.sample(Map.of("web", 100L)).get("web").processes()).isEqualTo(3);
        inDaemon.close();
    }

    @Test
    void serviceWithoutLiveProcessesReportsZeros() {
        proc.process(1, 0, 1, 1, 0, 100, 1);

        ServiceStats stats = sampler.sample(Map.of("gone", 4242L)).get("gone");

        assertThat(stats.processes()).isZero();
        assertThat(stats.rssBytes()).isZero();
        assertThat(stats.sampledAt()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void cpuIsTicksOverWallTimeInPercentOfOneCore() {
        proc.process(100, 1, 100, 100, 100, 10, 1).process(101, 100, 100, 100, 50, 10, 1);
        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent())
                .as("the first sample has no interval yet").isZero();

        nanos.addAndGet(2 * SECOND);
        proc.process(100, 1, 100, 100, 300, 10, 1).process(101, 100, 100, 100, 150, 10, 1);

        // (200 + 100) ticks at 100 per second over 2 s: 1.5 cores
        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent()).isCloseTo(150.0, within(0.01));
    }

    @Test
    void processThatExitedIsNotSubtractedFromTheTree() {
        // 101 is an orphan of the session: when it ends, init (not the tree) reaps it.
        proc.process(100, 1, 100, 100, 100, 10, 1).process(101, 1, 100, 100, 500, 10, 1);
        sampler.sample(Map.of("web", 100L));

        nanos.addAndGet(SECOND);
        proc.exit(101).process(100, 1, 100, 100, 130, 10, 1);

        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent()).isCloseTo(30.0, within(0.01));
    }

    @Test
    void childReapedInsideTheTreeIsNotCountedTwice() {
        proc.process(100, 1, 100, 100, 10, 0, 10, 1, 7).process(101, 100, 100, 100, 500, 0, 10, 1, 8);
        sampler.sample(Map.of("web", 100L));

        nanos.addAndGet(SECOND);
        // The child used 10 more ticks, ended, and its parent reaped it: its 510 ticks moved into
        // the parent's cutime. Only the 10 ticks of the leader and the child's last 10 are new.
        proc.exit(101).process(100, 1, 100, 100, 20, 510, 10, 1, 7);

        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent()).isCloseTo(20.0, within(0.01));
    }

    @Test
    void shortLivedChildrenReapedBetweenSamplesAreCounted() {
        proc.process(100, 1, 100, 100, 10, 0, 10, 1, 7);
        sampler.sample(Map.of("web", 100L));

        nanos.addAndGet(SECOND);
        // A command the leader ran and reaped between two samples: only its cutime shows it.
        proc.process(100, 1, 100, 100, 10, 40, 10, 1, 7);

        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent()).isCloseTo(40.0, within(0.01));
    }

    @Test
    void reusedPidIsANewProcess() {
        proc.process(100, 1, 100, 100, 0, 0, 10, 1, 7).process(101, 100, 100, 100, 900, 0, 10, 1, 55);
        sampler.sample(Map.of("web", 100L));

        nanos.addAndGet(SECOND);
        // The first 101 ended (the leader reaped its 900 ticks); the pid now belongs to a process
        // that started later and has used 30 ticks in all.
        proc.process(100, 1, 100, 100, 0, 900, 10, 1, 7).process(101, 100, 100, 100, 30, 0, 10, 1, 99);

        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent()).isCloseTo(30.0, within(0.01));
    }

    @Test
    void processVanishingBetweenListingAndReadingIsSkipped() {
        proc.process(100, 1, 100, 100, 0, 10, 1).vanishing(101).write("102/stat", "102 (cut");

        ServiceStats stats = sampler.sample(Map.of("web", 100L)).get("web");

        assertThat(stats.processes()).isEqualTo(1);
        assertThat(stats.rssBytes()).isEqualTo(10 * FakeProc.PAGE);
    }

    @Test
    void diskBytesAreTotalledAndRatedPerSecond() {
        proc.process(100, 1, 100, 100, 0, 10, 1).io(100, 1_000, 4_000);
        ServiceStats first = sampler.sample(Map.of("web", 100L)).get("web");
        assertThat(first.readBytes()).isEqualTo(1_000);
        assertThat(first.writeBytes()).isEqualTo(4_000);
        assertThat(first.readRate()).isZero();

        nanos.addAndGet(2 * SECOND);
        proc.io(100, 3_000, 10_000);
        ServiceStats second = sampler.sample(Map.of("web", 100L)).get("web");

        assertThat(second.readBytes()).isEqualTo(3_000);
        assertThat(second.writeBytes()).isEqualTo(10_000);
        assertThat(second.readRate()).isCloseTo(1_000, within(0.01));
        assertThat(second.writeRate()).isCloseTo(3_000, within(0.01));
    }

    @Test
    void characterCountsStandInWhenStorageCountersAreMissing() {
        proc.process(100, 1, 100, 100, 0, 10, 1).ioCharactersOnly(100, 777, 888);

        ServiceStats stats = sampler.sample(Map.of("web", 100L)).get("web");

        assertThat(stats.readBytes()).isEqualTo(777);
        assertThat(stats.writeBytes()).isEqualTo(888);
    }

    @Test
    void bytesOfAnExitedProcessStayInTheTotal() {
        proc.process(100, 1, 100, 100, 0, 10, 1).io(100, 0, 100)
                .process(101, 1, 100, 100, 0, 10, 1).io(101, 0, 5_000);
        sampler.sample(Map.of("web", 100L));

        nanos.addAndGet(SECOND);
        proc.exit(101).io(100, 0, 300);

        ServiceStats stats = sampler.sample(Map.of("web", 100L)).get("web");
        assertThat(stats.writeBytes()).isEqualTo(5_300);
        assertThat(stats.writeRate()).isCloseTo(200, within(0.01));
    }

    @Test
    void bytesOfAChildReapedInsideTheTreeAreNotCountedTwice() {
        proc.process(100, 1, 100, 100, 0, 10, 1).io(100, 0, 100)
                .process(101, 100, 100, 100, 0, 10, 1).io(101, 0, 5_000);
        sampler.sample(Map.of("web", 100L));

        nanos.addAndGet(SECOND);
        // The child wrote 1,000 more bytes and ended; the leader reaped it and now carries its 6,000.
        proc.exit(101).io(100, 0, 100 + 6_000 + 200);

        ServiceStats stats = sampler.sample(Map.of("web", 100L)).get("web");
        assertThat(stats.writeBytes()).isEqualTo(5_100 + 1_000 + 200);
        assertThat(stats.writeRate()).isCloseTo(1_200, within(0.01));
    }

    @Test
    void openFilesAreCountedPerProcessAndSummed() {
        proc.process(100, 1, 100, 100, 0, 10, 1).openFiles(100, 7)
                .process(101, 100, 100, 100, 0, 10, 1).openFiles(101, 3)
                .process(102, 100, 100, 100, 0, 10, 1);   // fd/ not readable

        assertThat(sampler.sample(Map.of("web", 100L)).get("web").openFiles()).isEqualTo(10);
    }

    @Test
    void serviceLeftOutOfTheMapIsForgotten() {
        proc.process(100, 1, 100, 100, 100, 10, 1);
        sampler.sample(Map.of("web", 100L));
        nanos.addAndGet(SECOND);
        assertThat(sampler.sample(Map.of())).isEmpty();

        nanos.addAndGet(SECOND);
        proc.process(100, 1, 100, 100, 300, 10, 1);

        assertThat(sampler.sample(Map.of("web", 100L)).get("web").cpuPercent())
                .as("sampled afresh, without the earlier baseline").isZero();
    }

    @Test
    void newLeaderStartsTheServiceFiguresOver() {
        proc.process(100, 1, 100, 100, 100, 10, 1).io(100, 0, 9_000)
                .process(500, 1, 500, 500, 100, 10, 1).io(500, 0, 1_000);
        sampler.sample(Map.of("web", 100L));
        nanos.addAndGet(SECOND);

        ServiceStats restarted = sampler.sample(Map.of("web", 500L)).get("web");

        assertThat(restarted.cpuPercent()).isZero();
        assertThat(restarted.writeBytes()).isEqualTo(1_000);
    }
}
