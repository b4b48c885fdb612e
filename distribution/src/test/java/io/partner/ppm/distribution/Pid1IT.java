package io.partner.ppm.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
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

    /**
     * The main command ends at once, again and again: the daemon exits with its code every time,
     * never with "cannot start" after "stopped" (start-up and shutdown used to race for the timer).
     * bench/pid1-edges.py exit-codes does the same 1,000 times.
     */
    @Test
    void aMainCommandThatEndsAtOnceGivesItsExitCodeEveryTime() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), NO_ENDPOINTS);
        int runs = 30;
        List<String> wrong = new ArrayList<>();
        try (ExecutorService twoAtATime = Executors.newFixedThreadPool(2)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                int code = (i * 97 + 3) % 256;
                Path log = dir.resolve("exit-" + i + ".log");
                results.add(twoAtATime.submit(() -> {
                    Process unshare = Installation.asPid1(dir, "daemon", "--config", config.toString(),
                            "--", "sh", "-c", "exit " + code).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                    if (!unshare.waitFor(60, TimeUnit.SECONDS)) {
                        unshare.destroyForcibly();
                        return "exit " + code + ": still running after 60 s";
                    }
                    String output = Files.readString(log);
                    return unshare.exitValue() == code && !output.contains("cannot start") ? null
                            : "exit " + code + ": got " + unshare.exitValue() + "\n" + output;
                }));
            }
            for (Future<String> result : results) {
                if (result.get() != null) {
                    wrong.add(result.get());
                }
            }
        }
        assertThat(wrong).as("runs whose exit code was not the main command's").isEmpty();
    }

    /**
     * SIGTERM at moments spread over the first two seconds, while the JVM starts, while plugins load,
     * while services start: the signal is never lost, everything stops within the timeout, exit code 0.
     * The moments count from when the launcher's first line has run (its handler is in place);
     * bench/pid1-edges.py sigterm does 200 runs counting from the exec itself.
     */
    @Test
    void sigtermAtAnyMomentOfStartUpStopsEverythingWithinTheTimeout() throws Exception {
        assertThat(sigtermAtMomentsOfStartUp(config -> Installation.asPid1(dir, "daemon", "--config", config.toString())))
                .as("runs that did not stop cleanly on SIGTERM").isEmpty();
    }

    /**
     * The same with the container recipe's entry point, java run directly with lib/ppm-daemon.args
     * and the signals held from env on; the moments count from when env has blocked SIGTERM.
     */
    @Test
    void sigtermAtAnyMomentOfStartUpOfTheDirectEntryPointStopsEverythingWithinTheTimeout() throws Exception {
        assertThat(sigtermAtMomentsOfStartUp(config -> Installation.directEntryAsPid1(dir, "--config", config.toString())))
                .as("runs that did not stop cleanly on SIGTERM").isEmpty();
    }

    /** Starts a daemon for the given configuration, as PID 1 of a new namespace. */
    private interface Entry {
        ProcessBuilder daemon(Path config) throws IOException;
    }

    /** Ten runs of {@code entry}, SIGTERM at moments spread over 0-2 s: what went wrong in each that did. */
    private List<String> sigtermAtMomentsOfStartUp(Entry entry) throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 8s }
                services:
                  - name: stubborn
                    command: "trap '' TERM; while true; do sleep 0.1; done"
                    stop_timeout: 1s
                  - name: family
                    command: "sleep 1717 & sleep 1718 & wait"
                """);
        int runs = 10;
        List<String> wrong = new ArrayList<>();
        try (ExecutorService twoAtATime = Executors.newFixedThreadPool(2)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                long momentMillis = i * 2000L / (runs - 1);
                Path log = dir.resolve("term-" + i + ".log");
                results.add(twoAtATime.submit(() -> sigtermAt(entry.daemon(config), momentMillis, log)));
            }
            for (Future<String> result : results) {
                if (result.get() != null) {
                    wrong.add(result.get());
                }
            }
        }
        return wrong;
    }

    /** One run of the tests above: null when the daemon stopped as documented, else what went wrong. */
    private String sigtermAt(ProcessBuilder entry, long momentMillis, Path log) throws Exception {
        Process unshare = entry.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long daemon = Installation.awaitChild(unshare.pid());
        // From when PID 1 can no longer lose it: the launcher's trap, or env's block.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(1))
                .until(() -> Installation.catches(daemon, 15) || Installation.blocks(daemon, 15) || !unshare.isAlive());
        long launched = System.nanoTime();
        String namespace = Installation.pidNamespace(daemon);
        LockSupport.parkNanos(launched + TimeUnit.MILLISECONDS.toNanos(momentMillis) - System.nanoTime());
        long sent = System.nanoTime();
        new ProcessBuilder("kill", "-TERM", Long.toString(daemon)).start().waitFor();
        // Lost, not just slow (a loaded machine can take seconds to start the JVM): still running long after the timeout.
        boolean exited = unshare.waitFor(8 + 20, TimeUnit.SECONDS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sent);
        if (!exited) {
            ProcessHandle.of(daemon).ifPresent(ProcessHandle::destroyForcibly);
            unshare.waitFor(20, TimeUnit.SECONDS);
            return "SIGTERM " + momentMillis + " ms after launch was lost\n" + Files.readString(log);
        }
        long left = Installation.processesIn(namespace);
        if (unshare.exitValue() != 0 || tookMillis > 8_000 + 1_000 || left != 0) {
            return "SIGTERM " + momentMillis + " ms after launch: exit " + unshare.exitValue() + " after " + tookMillis
                    + " ms, " + left + " processes left\n" + Files.readString(log);
        }
        return null;
    }

    /** Started with SIGHUP and SIGINT ignored (nohup, `cmd &` in a script): both still work, and the daemon says so. */
    @Test
    void hupAndIntIgnoredByWhoeverStartedTheDaemonStillReloadAndStop() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), NO_ENDPOINTS + """
                services:
                  - name: idle
                    command: ["sleep", "1720"]
                """);
        Path log = dir.resolve("out.log");
        Process daemon = new ProcessBuilder("env", "--ignore-signal=HUP,INT", Installation.PPM.toString(),
                "daemon", "--config", config.toString())
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("idle: started"));
            assertThat(Files.readString(log)).contains("SIGHUP and SIGINT were ignored when the daemon started");

            new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();
            await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(log).contains("configuration reloaded"));

            new ProcessBuilder("kill", "-INT", Long.toString(daemon.pid())).start().waitFor();
            assertThat(daemon.waitFor(15, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
            assertThat(daemon.exitValue()).as(Files.readString(log)).isZero();
        } finally {
            daemon.destroyForcibly();
        }
    }
}
