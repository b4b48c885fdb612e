package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partner.ppm.api.ContainerStats;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Container and host figures, from fake cgroup trees, cgroups the test creates, and this machine. */
class ContainerSamplerTest {

    private static final long MIB = 1024 * 1024;
    private static final String V1_UNLIMITED = "9223372036854771712";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path directory;

    @Test
    void cgroupV2LimitsAreRead() throws IOException {
        Path cgroup = cgroupV2(directory.resolve("cg"), "536870912", "150000 100000");
        write(cgroup.resolve("memory.current"), "104857600\n");

        ContainerStats stats = sampler(CgroupPaths.at(cgroup)).sample();

        assertThat(stats.cgroupVersion()).isEqualTo(2);
        assertThat(stats.memoryUsageBytes()).isEqualTo(100 * MIB);
        assertThat(stats.memoryLimitBytes()).isEqualTo(512 * MIB);
        assertThat(stats.cpuQuotaSet()).isTrue();
        assertThat(stats.cpuLimitCores()).isCloseTo(1.5, within(1e-9));
    }

    @Test
    void cgroupV2WithoutLimitsReportsNone() throws IOException {
        Path cgroup = cgroupV2(directory.resolve("cg"), "max", "max 100000");

        ContainerStats stats = sampler(CgroupPaths.at(cgroup)).sample();

        assertThat(stats.memoryLimitBytes()).isEqualTo(-1);
        assertThat(stats.hasMemoryLimit()).isFalse();
        assertThat(stats.cpuQuotaSet()).isFalse();
        assertThat(stats.cpuLimitCores()).isEqualTo(stats.cpuCount());
    }

    @Test
    void limitOfAParentCgroupBindsTheChild() throws IOException {
        Path top = cgroupV2(directory.resolve("cg"), "268435456", "50000 100000");
        Path child = cgroupV2(top.resolve("service"), "max", "max 100000");
        CgroupPaths.Controller controller = new CgroupPaths.Controller(2, child, top);

        ContainerStats stats = sampler(new CgroupPaths(controller, controller)).sample();

        assertThat(stats.memoryLimitBytes()).isEqualTo(256 * MIB);
        assertThat(stats.cpuLimitCores()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void cgroupV1LimitsAreRead() throws IOException {
        Path root = directory.resolve("v1");
        write(root.resolve("memory/memory.usage_in_bytes"), "73400320\n");
        write(root.resolve("memory/memory.limit_in_bytes"), "209715200\n");
        write(root.resolve("cpu,cpuacct/cpu.cfs_quota_us"), "250000\n");
        write(root.resolve("cpu,cpuacct/cpu.cfs_period_us"), "100000\n");

        ContainerStats stats = sampler(CgroupPaths.at(root)).sample();

        assertThat(stats.cgroupVersion()).isEqualTo(1);
        assertThat(stats.memoryUsageBytes()).isEqualTo(70 * MIB);
        assertThat(stats.memoryLimitBytes()).isEqualTo(200 * MIB);
        assertThat(stats.cpuLimitCores()).isCloseTo(2.5, within(1e-9));
    }

    @Test
    void cgroupV1UnlimitedValuesMeanNoLimit() throws IOException {
        Path root = directory.resolve("v1");
        write(root.resolve("memory/memory.usage_in_bytes"), "1048576\n");
        write(root.resolve("memory/memory.limit_in_bytes"), V1_UNLIMITED + "\n");
        write(root.resolve("cpu/cpu.cfs_quota_us"), "-1\n");
        write(root.resolve("cpu/cpu.cfs_period_us"), "100000\n");

        ContainerStats stats = sampler(CgroupPaths.at(root)).sample();

        assertThat(stats.memoryLimitBytes()).isEqualTo(-1);
        assertThat(stats.cpuQuotaSet()).isFalse();
    }

    @Test
    void noCgroupMeansUnknownUsageAndNoLimit() {
        ContainerStats stats = sampler(CgroupPaths.NONE).sample();

        assertThat(stats.cgroupVersion()).isZero();
        assertThat(stats.memoryUsageBytes()).isEqualTo(-1);
        assertThat(stats.memoryLimitBytes()).isEqualTo(-1);
    }

    @Test
    void detectionPrefersTheV1HierarchyThatCarriesTheController() throws IOException {
        // A hybrid host: controllers on v1 hierarchies, an empty v2 one beside them.
        Path memoryMount = Files.createDirectories(directory.resolve("fs/memory"));
        Path unified = Files.createDirectories(directory.resolve("fs/unified"));
        Path service = Files.createDirectories(memoryMount.resolve("jobs/a1"));
        Path proc = directory.resolve("proc");
        write(proc.resolve("self/cgroup"), "4:memory:/jobs/a1\n3:cpu,cpuacct:/\n0::/\n");
        write(proc.resolve("self/mountinfo"), String.join("\n",
                "35 31 0:32 / " + memoryMount + " rw,relatime - cgroup cgroup rw,memory",
                "41 31 0:38 / " + unified + " rw,relatime - cgroup2 cgroup2 rw",
                ""));

        CgroupPaths paths = CgroupPaths.detect(proc);

        assertThat(paths.memory()).isEqualTo(new CgroupPaths.Controller(1, service, memoryMount));
        assertThat(paths.cpu()).as("no v1 mount carries cpu here, so the v2 hierarchy is used")
                .isEqualTo(new CgroupPaths.Controller(2, unified, unified));
    }

    @Test
    void detectionInsideAContainerUsesTheMountedCgroupAsTop() throws IOException {
        // Docker with cgroup v2 and a private cgroup namespace: the container's cgroup is the mount's root.
        Path mount = Files.createDirectories(directory.resolve("sys fs cgroup"));
        Path proc = directory.resolve("proc");
        write(proc.resolve("self/cgroup"), "0::/\n");
        write(proc.resolve("self/mountinfo"), "30 25 0:26 / " + mount.toString().replace(" ", "\\040")
                + " ro,nosuid master:9 - cgroup2 cgroup rw,nsdelegate\n");

        CgroupPaths paths = CgroupPaths.detect(proc);

        assertThat(paths.memory()).isEqualTo(new CgroupPaths.Controller(2, mount, mount));
    }

    @Test
    void detectionMapsACgroupPathBelowTheMountRoot() throws IOException {
        // cgroup v1 without a namespace: /proc/self/cgroup names the full path, the mount shows a part of it.
        Path mount = Files.createDirectories(directory.resolve("memory"));
        Path proc = directory.resolve("proc");
        write(proc.resolve("self/cgroup"), "5:memory:/docker/abc\n");
        write(proc.resolve("self/mountinfo"), "40 31 0:33 /docker/abc " + mount + " rw - cgroup cgroup rw,memory\n");

        assertThat(CgroupPaths.detect(proc).memory()).isEqualTo(new CgroupPaths.Controller(1, mount, mount));
    }

    @Test
    void hostFiguresComeFromMeminfoLoadavgAndAffinity() throws IOException {
        Path proc = directory.resolve("proc");
        write(proc.resolve("meminfo"), "MemTotal:       24684084 kB\nMemFree:        1000 kB\nMemAvailable:   24380548 kB\n");
        write(proc.resolve("loadavg"), "0.16 0.09 1.50 1/88 3927\n");
        write(proc.resolve("self/status"), "Name:\tjava\nCpus_allowed:\t3f\nCpus_allowed_list:\t0-3,8,10-11\n");

        ContainerStats stats = new ContainerSampler(proc, CgroupPaths.NONE, CLOCK).sample();

        assertThat(stats.hostMemoryTotalBytes()).isEqualTo(24684084L * 1024);
        assertThat(stats.hostMemoryAvailableBytes()).isEqualTo(24380548L * 1024);
        assertThat(stats.loadAverage1()).isEqualTo(0.16);
        assertThat(stats.loadAverage15()).isEqualTo(1.50);
        assertThat(stats.cpuCount()).isEqualTo(7);
        assertThat(stats.cpuLimitCores()).isEqualTo(7.0);
        assertThat(stats.sampledAt()).isEqualTo(CLOCK.millis());
    }

    @Test
    void thisMachineGivesSaneFigures() {
        ContainerStats stats = new ContainerSampler().sample();

        assertThat(stats.hostMemoryTotalBytes()).isPositive();
        assertThat(stats.hostMemoryAvailableBytes()).isBetween(0L, stats.hostMemoryTotalBytes());
        assertThat(stats.cpuCount()).isPositive();
        assertThat(stats.loadAverage1()).isGreaterThanOrEqualTo(0.0);
        assertThat(stats.memoryLimitBytes()).satisfiesAnyOf(
                limit -> assertThat(limit).isEqualTo(-1), limit -> assertThat(limit).isPositive());
    }

    @Test
    void limitOfARealCgroupV2IsReadBack() throws IOException {
        Path mount = mountPointOf("cgroup2");
        Assumptions.assumeTrue(mount != null, "no cgroup2 hierarchy mounted");
        Assumptions.assumeTrue(Files.readString(mount.resolve("cgroup.subtree_control")).contains("memory"),
                "the memory controller is not enabled on " + mount);
        Path cgroup = createCgroup(mount);
        try {
            Assumptions.assumeTrue(tryWrite(cgroup.resolve("memory.max"), Long.toString(64 * MIB)),
                    "memory.max of " + cgroup + " is not writable");

            ContainerStats stats = new ContainerSampler(CgroupPaths.at(cgroup)).sample();

            assertThat(stats.cgroupVersion()).isEqualTo(2);
            assertThat(stats.memoryLimitBytes()).isEqualTo(64 * MIB);
            assertThat(stats.memoryUsageBytes()).isGreaterThanOrEqualTo(0);
        } finally {
            Files.deleteIfExists(cgroup);
        }
    }

    @Test
    void limitOfARealCgroupV1IsReadBack() throws IOException {
        Path mount = mountPointOf("cgroup", "memory");
        Assumptions.assumeTrue(mount != null, "no cgroup v1 memory hierarchy mounted");
        Path cgroup = createCgroup(mount);
        try {
            Assumptions.assumeTrue(tryWrite(cgroup.resolve("memory.limit_in_bytes"), Long.toString(64 * MIB)),
                    "memory.limit_in_bytes of " + cgroup + " is not writable");

            ContainerStats stats = new ContainerSampler(CgroupPaths.at(cgroup)).sample();

            assertThat(stats.cgroupVersion()).isEqualTo(1);
            assertThat(stats.memoryLimitBytes()).isEqualTo(64 * MIB);
            assertThat(stats.memoryUsageBytes()).isGreaterThanOrEqualTo(0);
        } finally {
            Files.deleteIfExists(cgroup);
        }
    }

    private ContainerSampler sampler(CgroupPaths paths) {
        return new ContainerSampler(Path.of("/proc"), paths, CLOCK);
    }

    private static Path cgroupV2(Path cgroup, String memoryMax, String cpuMax) throws IOException {
        write(cgroup.resolve("cgroup.controllers"), "cpu memory pids\n");
        write(cgroup.resolve("memory.max"), memoryMax + "\n");
        write(cgroup.resolve("cpu.max"), cpuMax + "\n");
        return cgroup;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** A new, empty cgroup below {@code mount}; skips the test when it may not be created. */
    private static Path createCgroup(Path mount) {
        Path cgroup = mount.resolve("ppm-stats-test-" + UUID.randomUUID());
        try {
            return Files.createDirectory(cgroup);
        } catch (IOException e) {
            Assumptions.abort("cannot create a cgroup under " + mount + ": " + e);
            return null;
        }
    }

    private static boolean tryWrite(Path file, String value) {
        try {
            Files.writeString(file, value);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where a cgroup file system of this type (and, for v1, carrying {@code controller}) is mounted. */
    private static Path mountPointOf(String type, String... controller) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
            String[] fields = line.split(" ");
            int separator = List.of(fields).indexOf("-");
            if (separator > 0 && fields[separator + 1].equals(type)
                    && (controller.length == 0 || List.of(fields[separator + 3].split(",")).contains(controller[0]))) {
                return Path.of(fields[4]);
            }
        }
        return null;
    }
}
