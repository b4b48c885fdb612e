package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceStats;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The sampler against real processes of known size. */
class ProcessSamplerTest {

    private static final long MIB = 1024 * 1024;

    private final ProcessSampler sampler = new ProcessSampler();

    @BeforeAll
    static void needsPython() {
        // A Python child holds a known amount of memory on top of a small (about 8 MiB) base;
        // a JVM child would add some 35 MiB of its own.
        Assumptions.assumeTrue(onPath("python3"), "python3 is not on the PATH");
    }

    @Test
    void childHoldingEightyMibReportsItsResidentMemory() throws Exception {
        try (SessionProcess child = SessionProcess.start("python3", "-c", holding(80))) {
            child.awaitLines("ready", 1);

            ServiceStats stats = sampler.sample(child.as("hog")).get("hog");

            assertThat(stats.processes()).isEqualTo(1);
            assertThat(stats.rssBytes()).isBetween(70 * MIB, 110 * MIB);
        }
    }

    @Test
    void busyLoopReportsAboutOneCore() throws Exception {
        try (SessionProcess busy = SessionProcess.start("sh", "-c", "while :; do :; done")) {
            sampler.sample(busy.as("busy"));

            // Each poll samples again, about a second after the previous sample.
            await().atMost(Duration.ofSeconds(30)).pollDelay(Duration.ofSeconds(1)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(sampler.sample(busy.as("busy")).get("busy").cpuPercent())
                            .isBetween(60.0, 130.0));
        }
    }

    @Test
    void treeOfThreeChildrenReportsTheirSum() throws Exception {
        String child = "python3 -c \"" + holding(30).replace("\"", "\\\"") + "\"";
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
            for (int round = 0; round < 150; round++) {
                ServiceStats stats = sampler.sample(churn.as("churn")).get("churn");

                assertThat(stats.processes()).isBetween(1, 3);
                assertThat(stats.rssBytes()).isPositive();
                assertThat(stats.cpuPercent()).isFinite().isGreaterThanOrEqualTo(0.0);
                Thread.sleep(10);
            }
        }
    }

    @Test
    void openFilesAndThreadsAreCounted() throws Exception {
        String script = "import threading, time\n"
                + "files = [open('/dev/null') for _ in range(40)]\n"
                + "for _ in range(3): threading.Thread(target=time.sleep, args=(600,), daemon=True).start()\n"
                + "print('ready', flush=True)\n"
                + "time.sleep(600)\n";
        try (SessionProcess child = SessionProcess.start("python3", "-c", script)) {
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

    /** A Python program that holds {@code mib} MiB of touched memory, says ready, and sleeps. */
    private static String holding(int mib) {
        return "import time; block = b'x' * (" + mib + " << 20); print('ready', flush=True); time.sleep(600)";
    }

    private static boolean onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String directory : path.split(File.pathSeparator)) {
            if (new File(directory, program).canExecute()) {
                return true;
            }
        }
        return false;
    }
}
