package io.partner.ppm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built launcher as PID 1 of a PID namespace, as in a container. */
class Pid1IT {

    private static final String NO_ENDPOINTS = """
            daemon:
              jmx: { enabled: false }
              jolokia: { enabled: false }
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPidNamespaces() {
        assumeTrue(Installation.canUnshare(), "unshare --pid needs root (or user namespaces)");
    }

    @Test
    void orphanedGrandchildrenAreReapedAndLeaveNoZombies() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), NO_ENDPOINTS + """
                services:
                  - name: orphaner
                    command: "for i in $(seq 500); do (sleep 0.5 &); done; echo spawned; sleep 300"
                """);
        Path log = dir.resolve("out.log");
        Process unshare = Installation.asPid1(dir, "daemon", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long daemon = Installation.awaitChild(unshare.pid());
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("orphaner | spawned"));
            // Every orphan ends after 0.5 s; the daemon (their new parent) must reap each one.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                    assertThat(Installation.childrenWithState(daemon))
                            .as("processes whose parent is the daemon")
                            .hasSize(1)
                            .noneMatch(child -> child[1] == 'Z'));
        } finally {
            // SIGKILL to PID 1 ends the whole namespace; unshare then exits too.
            ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
            unshare.waitFor(20, TimeUnit.SECONDS);
        }
    }

    @Test
    void sigtermStopsEveryServiceAndExitsZeroWithinTheTimeout() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 4s }
                services:
                  - name: stubborn
                    command: "trap '' TERM; while true; do sleep 0.1; done"
                    stop_timeout: 1s
                  - name: family
                    command: "sleep 1717 & sleep 1718 & trap '' TERM; wait; wait"
                    stop_timeout: 1s
                  - name: plain
                    command: ["sleep", "1719"]
                """);
        Path log = dir.resolve("out.log");
        Process unshare = Installation.asPid1(dir, "daemon", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long daemon = Installation.awaitChild(unshare.pid());
        String namespace = Installation.pidNamespace(daemon);
        // Three services, two children of "family", and the loop's sleeps: all up.
        await().atMost(Duration.ofSeconds(30)).until(() -> Installation.processesIn(namespace) >= 6);

        long sent = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(daemon)).start().waitFor();
        boolean exited = unshare.waitFor(10, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);

        assertThat(exited).as("daemon exited; output:%n%s", Files.readString(log)).isTrue();
        assertThat(unshare.exitValue()).as(Files.readString(log)).isZero();
        assertThat(tookMillis).as("shutdown took").isLessThan(4_000 + 1_000);
        assertThat(Installation.processesIn(namespace)).isZero();
    }

    @Test
    void aTrailingCommandDecidesTheExitCode() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), NO_ENDPOINTS);
        Process unshare = Installation.asPid1(dir, "daemon", "--config", config.toString(), "--", "sh", "-c", "exit 7")
                .redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile()).start();
        assertThat(unshare.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unshare.exitValue()).as(Files.readString(dir.resolve("out.log"))).isEqualTo(7);
    }

    @Test
    void aMainServiceKilledBySignalGives128PlusTheSignal() throws Exception {
        Process unshare = Installation.asPid1(dir, "daemon", "--config", Files.writeString(dir.resolve("ppm.yml"), NO_ENDPOINTS).toString(),
                        "--", "sh", "-c", "kill -KILL $$")
                .redirectErrorStream(true).redirectOutput(new File(dir.toFile(), "out.log")).start();
        assertThat(unshare.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(unshare.exitValue()).isEqualTo(128 + 9);
    }
}
