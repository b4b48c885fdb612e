package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.runtime.config.LogConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Assumptions;

/** A log file on a disk that fills up (a 64 KiB tmpfs) is written again by itself once space is freed. */
class LogFileOnFullDiskTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private Path disk;

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectory(dir.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", disk.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "mounting a tmpfs needs root");
    }

    @AfterEach
    void unmount() throws Exception {
        new ProcessBuilder("umount", "-l", disk.toString()).start().waitFor(10, TimeUnit.SECONDS);
    }

    @Test
    void aFullDiskDropsTheFileLinesAndTheFileIsWrittenAgainOnceThereIsSpace() throws Exception {
        Path log = disk.resolve("web.log");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", new LogFileSpec(log.toString(), 10 * 1024 * 1024, 1));
            Process service = harness.sh("web", "i=0; while :; do i=$((i+1)); echo line $i of a service that writes long lines to its log file so that a page fills up fast; sleep 0.01; done");
            try {
                await().atMost(DEADLINE).until(() -> Files.exists(log) && Files.size(log) > 0);
                Path filler = fill(disk.resolve("filler"));
                await().atMost(DEADLINE).until(() -> stderr(harness).contains("cannot be written"));

                Files.delete(filler);
                await().atMost(DEADLINE).until(() -> stderr(harness).contains("is written again"));
                long sizeAfterRecovery = Files.size(log);
                await().atMost(DEADLINE).until(() -> Files.size(log) > sizeAfterRecovery);
            } finally {
                service.destroy();
            }
            harness.drain();
            String messages = stderr(harness);
            assertThat(messages).containsOnlyOnce("ppm | log file " + log + " of web cannot be written: No space left on device;"
                    + " its lines are dropped until writing works again");
            assertThat(messages).containsOnlyOnce("ppm | log file " + log + " of web is written again (");
            assertThat(harness.relay.tail("web", 1)).isNotEmpty();
        }
    }

    private static String stderr(RelayHarness harness) {
        return harness.stderr.toString(StandardCharsets.UTF_8);
    }

    /** Writes zeros until the disk is full. */
    private static Path fill(Path filler) throws IOException {
        byte[] block = new byte[4096];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
                out.flush();
            }
        } catch (IOException full) {
            return filler;
        }
    }
}
