package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.partner.ppm.api.ServiceStats;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sampler against real processes of known size. */
class ProcessSamplerTest {

    private static final Pattern PROC_PID_FILE = Pattern.compile("/proc/(\\d+)/.*");

    private static final long MIB = 1024 * 1024;

    private final ProcessSampler sampler = new ProcessSampler();

    private static String python;

    @BeforeAll
    static void needsPython() {
        // A Python child holds a known amount of memory on top of a small (about 8 MiB) base;
        // a JVM child would add some 35 MiB of its own. The system interpreter is preferred to
        // version-manager shims, which run helper processes first.
        python = new File("/usr/bin/python3").canExecute() ? "/usr/bin/python3" : onPath("python3");
        Assumptions.assumeTrue(python != null, "python3 is not on the PATH");
    }

    @AfterEach
    void closeSampler() {
        sampler.close();
    }

    @Test
    void childHoldingEightyMibReportsItsResidentMemory() throws Exception {
        try (SessionProcess child = SessionProcess.start(python, "-c", holding(80))) {
            child.awaitLines("ready", 1);

            ServiceStats stats = sampler.sample(child.as("hog")).get("hog");

            assertThat(stats.processes()).isEqualTo(1);
            assertThat(stats.rssBytes()).isBetween(70 * MIB, 110 * MIB);
        }
    }

    @Test
    void busyLoopReportsAboutOneCore() throws Exception {
        try (SessionProcess busy = SessionProcess.start("sh", "-c", "while :; do :; done")) {
            ProcessHandle handle = ProcessHandle.of(busy.pid()).orElseThrow();
            sampler.sample(busy.as("busy"));
            long referenceNanos = System.nanoTime();
            Duration referenceCpu = cpuTime(handle);
            // On a quiet machine the loop gets a whole core within a second or two. When other work
            // crowds the CPUs it may not get 60 % for a while; every interval is still checked
            // against the CPU time the JDK itself reads for the process over the same interval.
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (true) {
                Thread.sleep(1_000);
                double sampled = sampler.sample(busy.as("busy")).get("busy").cpuPercent();
                long now = System.nanoTime();
                Duration cpu = cpuTime(handle);
                double actual = (cpu.toNanos() - referenceCpu.toNanos()) * 100.0 / (now - referenceNanos);
                referenceNanos = now;
                referenceCpu = cpu;

                assertThat(sampled).as("CPU %% the JDK saw: %.1f", actual).isCloseTo(actual, within(15.0));
                if (actual >= 70 || System.nanoTime() > deadline) {
                    assertThat(sampled).isBetween(actual >= 70 ? 60.0 : 0.0, 130.0);
                    return;
                }
            }
        }
    }

    @Test
    void treeOfThreeChildrenReportsTheirSum() throws Exception {
        String child = python + " -c \"" + holding(30).replace("\"", "\\\"") + "\"";
        String script = child + " & " + child + " & " + child + " & wait";
        try (SessionProcess parent = SessionProcess.start("sh", "-c", script)) {
            parent.awaitLines("ready", 3);

            ServiceStats stats = sampler.sample(parent.as("tree")).get("tree");

            assertThat(stats.processes()).isEqualTo(4);
            assertThat(stats.rssBytes()).isGreaterThanOrEqualTo(90 * MIB);
        }
    }

    @Test
    void processesExitingWhileARoundRunsDoNotBreakIt() throws Exception {
        // The service forks a short-lived command over and over, so its children keep appearing in
        // the /proc listing and disappearing before their files are read (on the development
        // machine about one round in two met such a process).
        try (SessionProcess churn = SessionProcess.start("sh", "-c", "while :; do /bin/true; done")) {
            sampler.sample(churn.as("churn"));
            for (int round = 0; round < 150; round++) {
                ServiceStats stats = sampler.sample(churn.as("churn")).get("churn");

                assertThat(stats.processes()).isBetween(1, 3);
                assertThat(stats.rssBytes()).isPositive();
                assertThat(stats.cpuPercent()).isFinite().isGreaterThanOrEqualTo(0.0);
                // Rounds spaced out so that commands start and end between them and during them.
                Thread.sleep(10);
            }
            // The /proc files of the hundreds of commands that came and went were closed again. Only
            // files of ended processes count: the sampler keeps one file open per live process of
            // the whole machine, and on a busy machine that number moves by hundreds on its own.
            assertThat(procFilesOfEndedProcesses()).isLessThan(20);
        }
    }

    @Test
    void openFilesAndThreadsAreCounted() throws Exception {
        String script = "import os, threading, time\n"
                + "files = [open('/dev/null') for _ in range(40)]\n"
                + "for _ in range(3): threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
                + "os.write(1, b'ready\\n')\n"
                + "time.sleep(600)\n";
        try (SessionProcess child = SessionProcess.start(python, "-c", script)) {
            child.awaitLines("ready", 1);

            ServiceStats stats = sampler.sample(child.as("files")).get("files");

            assertThat(stats.openFiles()).isGreaterThanOrEqualTo(43);
            assertThat(stats.threads()).isGreaterThanOrEqualTo(4);
        }
    }

    @Test
    void diskWritesOfACommandTheServiceRanAreCounted() throws Exception {
        // Under target/ rather than /tmp: a tmpfs never reaches storage, so it writes no disk bytes.
        Path directory = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "stats-io");
        Path file = directory.resolve("written");
        String script = "dd if=/dev/zero of=" + file + " bs=1M count=16 conv=fsync 2>/dev/null; echo done; exec sleep 600";
        try (SessionProcess writer = SessionProcess.start("sh", "-c", script)) {
            writer.awaitLines("done", 1);

            ServiceStats stats = sampler.sample(writer.as("writer")).get("writer");

            assertThat(stats.writeBytes()).isGreaterThanOrEqualTo(16 * MIB);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    /**
     * A Python program that holds {@code mib} MiB of touched memory, says ready, and sleeps. It
     * says so in one write: siblings share the pipe, and print() may write the line and its
     * newline separately (PYTHONUNBUFFERED), which interleaves.
     */
    private static String holding(int mib) {
        return "import os, time; block = b'x' * (" + mib + " << 20); os.write(1, b'ready\\n'); time.sleep(600)";
    }

    private static String onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            File candidate = new File(directory, program);
            if (candidate.canExecute()) {
                return candidate.getPath();
            }
        }
        return null;
    }

    /**
     * Descriptors of this JVM open on a {@code /proc/PID/...} file of a process that has ended and
     * been reaped: what a sampler would leak. A few may be processes that ended since the last round.
     */
    private static int procFilesOfEndedProcesses() {
        String[] descriptors = new File("/proc/self/fd").list();
        if (descriptors == null) {
            return 0;
        }
        int ofEnded = 0;
        for (String fd : descriptors) {
            try {
                Matcher target = PROC_PID_FILE.matcher(Files.readSymbolicLink(Path.of("/proc/self/fd", fd)).toString());
                if (target.matches() && !Files.exists(Path.of("/proc", target.group(1)))) {
                    ofEnded++;
                }
            } catch (IOException closedMeanwhile) {
                // Closed between listing and reading: not open any more.
            }
        }
        return ofEnded;
    }

    private static Duration cpuTime(ProcessHandle process) {
        return process.info().totalCpuDuration().orElseThrow(() -> new AssertionError("no CPU time for " + process.pid()));
    }
}
