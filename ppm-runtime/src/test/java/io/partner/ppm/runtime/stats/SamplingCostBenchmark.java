package io.partner.ppm.runtime.stats;

import com.sun.management.ThreadMXBean;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.runtime.process.ProcText;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What one {@link ProcessSampler} round costs the thread that runs it, with N services of one
 * sleeping process each: CPU time (thread CPU clock) and bytes allocated, per round, after a
 * warm-up. Run through {@code bench/stats-sampling.sh}.
 *
 * <p>Arguments: service counts (default {@code 100 1000}).
 */
public final class SamplingCostBenchmark {

    private static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();

    private SamplingCostBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = args.length == 0 ? new int[] {100, 1000} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.println("services  procs-in-/proc  rounds  cpu-ms/round(median p90 max)  wall-ms/round(median)  KB-allocated/round(median max)");
        for (int services : sizes) {
            measure(services);
        }
    }

    private static void measure(int services) throws Exception {
        List<Process> sleepers = new ArrayList<>(services);
        try {
            Map<String, Long> leaders = new LinkedHashMap<>();
            for (int i = 0; i < services; i++) {
                Process sleeper = new ProcessBuilder("setsid", "sleep", "3600")
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                        .redirectError(ProcessBuilder.Redirect.DISCARD)
                        .start();
                sleepers.add(sleeper);
                leaders.put("svc-" + i, sleeper.pid());
            }
            awaitSleeping(sleepers);

            try (ProcessSampler sampler = new ProcessSampler()) {
                int warmUp = Math.max(50, 20_000 / services);
                int rounds = Math.max(30, 20_000 / services);
                for (int i = 0; i < warmUp; i++) {
                    check(sampler.sample(leaders), services);
                }
                long thread = Thread.currentThread().threadId();
                double[] cpuMillis = new double[rounds];
                double[] wallMillis = new double[rounds];
                double[] allocatedKb = new double[rounds];
                for (int i = 0; i < rounds; i++) {
                    long cpu = THREADS.getCurrentThreadCpuTime();
                    long allocated = THREADS.getThreadAllocatedBytes(thread);
                    long wall = System.nanoTime();
                    Map<String, ServiceStats> round = sampler.sample(leaders);
                    wallMillis[i] = (System.nanoTime() - wall) / 1e6;
                    allocatedKb[i] = (THREADS.getThreadAllocatedBytes(thread) - allocated) / 1024.0;
                    cpuMillis[i] = (THREADS.getCurrentThreadCpuTime() - cpu) / 1e6;
                    check(round, services);
                }
                System.out.printf(Locale.ROOT, "%8d  %14d  %6d  %8.2f %6.2f %6.2f          %8.2f               %8.1f %6.1f%n",
                        services, processCount(), rounds, percentile(cpuMillis, 50), percentile(cpuMillis, 90),
                        percentile(cpuMillis, 100), percentile(wallMillis, 50), percentile(allocatedKb, 50),
                        percentile(allocatedKb, 100));
            }
        } finally {
            sleepers.forEach(Process::destroyForcibly);
            for (Process sleeper : sleepers) {
                sleeper.waitFor();
            }
        }
    }

    private static void awaitSleeping(List<Process> sleepers) throws Exception {
        long deadline = System.nanoTime() + 60_000_000_000L;
        for (Process sleeper : sleepers) {
            Path comm = Path.of("/proc", Long.toString(sleeper.pid()), "comm");
            while (!Files.readString(comm).trim().equals("sleep")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("pid " + sleeper.pid() + " did not become sleep");
                }
                Thread.sleep(5);
            }
        }
    }

    private static void check(Map<String, ServiceStats> round, int services) {
        long counted = round.values().stream().filter(stats -> stats.processes() == 1).count();
        if (counted != services) {
            throw new IllegalStateException("only " + counted + " of " + services + " services had their process");
        }
    }

    private static int processCount() throws IOException {
        String[] names = new File("/proc").list();
        return names == null ? 0 : (int) Arrays.stream(names).filter(name -> ProcText.parsePid(name) > 0).count();
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
