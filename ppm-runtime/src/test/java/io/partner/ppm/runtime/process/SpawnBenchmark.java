package io.partner.ppm.runtime.process;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Measures the native process layer on this machine; run by hand, not by the build:
 * <pre>
 * java --enable-native-access=ALL-UNNAMED \
 *   -cp ppm-api/target/classes:ppm-runtime/target/classes:ppm-runtime/target/test-classes \
 *   io.partner.ppm.runtime.process.SpawnBenchmark [spawns]
 * </pre>
 * Prints the cost of {@code spawn} alone, of spawn until the exit event, the SIGKILL to event
 * latency, the pipe throughput and the cost of one {@code processTree} sweep.
 */
public final class SpawnBenchmark {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final int MIB = 1024 * 1024;

    private SpawnBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int spawns = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        try (ChildProcesses processes = ChildProcesses.open()) {
            spawnCost(processes, spawns / 4);
            spawnCost(processes, spawns);
            killLatency(processes, 200);
            pipeThroughput(processes, 1024);
            treeSweepCost(processes, 200);
        }
    }

    /** Spawn of /bin/true: time inside spawn(), and from spawn() until the reaper delivered the exit. */
    private static void spawnCost(ChildProcesses processes, int count) throws Exception {
        long[] spawnNanos = new long[count];
        long[] roundTripNanos = new long[count];
        for (int i = 0; i < count; i++) {
            CompletableFuture<ChildEvent> exit = new CompletableFuture<>();
            long start = System.nanoTime();
            ChildProcess child = processes.spawn(SpawnRequest.of(List.of("/bin/true"), ENV), event -> {
                if (event.isTermination()) {
                    exit.complete(event);
                }
            });
            spawnNanos[i] = System.nanoTime() - start;
            child.closeStreams();
            exit.get(30, TimeUnit.SECONDS);
            roundTripNanos[i] = System.nanoTime() - start;
        }
        System.out.printf("spawn /bin/true x%d: spawn() median %d us (p90 %d us); spawn->exit event median %d us (p90 %d us)%n",
                count, median(spawnNanos) / 1000, percentile(spawnNanos, 90) / 1000,
                median(roundTripNanos) / 1000, percentile(roundTripNanos, 90) / 1000);
    }

    /** SIGKILL sent to a sleeping child until its KILLED event reached the listener. */
    private static void killLatency(ChildProcesses processes, int count) throws Exception {
        long[] nanos = new long[count];
        for (int i = 0; i < count; i++) {
            CompletableFuture<Long> killedAt = new CompletableFuture<>();
            ChildProcess child = processes.spawn(SpawnRequest.of(List.of("sleep", "30"), ENV), event -> {
                if (event.isTermination()) {
                    killedAt.complete(System.nanoTime());
                }
            });
            child.closeStreams();
            long start = System.nanoTime();
            processes.signal(child.pid(), 9);
            nanos[i] = killedAt.get(30, TimeUnit.SECONDS) - start;
        }
        System.out.printf("kill -> KILLED event x%d: median %d us (p90 %d us)%n",
                count, median(nanos) / 1000, percentile(nanos, 90) / 1000);
    }

    /** Reads {@code mebibytes} of zeros a child writes to stdout, with 64 KiB reads. */
    private static void pipeThroughput(ChildProcesses processes, int mebibytes) throws Exception {
        ChildProcess child = processes.spawn(SpawnRequest.of(
                List.of("head", "-c", mebibytes + "M", "/dev/zero"), ENV), event -> { });
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        long start = System.nanoTime();
        child.stderr().close();
        try (InputStream stdout = child.stdout()) {
            for (int n; (n = stdout.read(buffer)) > 0; ) {
                total += n;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("pipe: %d MiB in %.2f s = %.0f MiB/s%n", total / MIB, seconds, total / MIB / seconds);
    }

    private static void treeSweepCost(ChildProcesses processes, int rounds) throws Exception {
        long processCount;
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            processCount = entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).count();
        }
        long[] nanos = new long[rounds];
        long self = ChildProcesses.currentPid();
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            processes.processTree(self);
            nanos[i] = System.nanoTime() - start;
        }
        System.out.printf("processTree over %d processes: median %d us (%.1f us per process)%n",
                processCount, median(nanos) / 1000, median(nanos) / 1000.0 / processCount);
    }

    private static long median(long[] values) {
        return percentile(values, 50);
    }

    private static long percentile(long[] values, int percent) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * percent / 100)];
    }
}
