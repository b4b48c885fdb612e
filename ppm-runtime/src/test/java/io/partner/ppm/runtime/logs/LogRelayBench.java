package io.partner.ppm.runtime.logs;

import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.runtime.config.LogConfig;
import io.partner.ppm.runtime.process.PipeInput;
import java.io.BufferedOutputStream;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

/**
 * Measures relay throughput: a child {@code cat FILE} writes N MB of ~80-byte numbered lines into a
 * FIFO, the relay copies them with prefixes to /dev/null. The reference is a second {@code cat}
 * reading the same kind of FIFO into /dev/null. Each variant runs several rounds, interleaved with
 * the reference, and the medians are compared.
 *
 * <p>Variants ending in {@code -poll} read the FIFO as the daemon reads a service's pipe: a
 * {@link PipeInput} watched and relayed by the poller thread (whose CPU time shows only in the
 * whole JVM's). The others read through a {@link FileInputStream} on a reader thread of its own.
 *
 * <p>Usage: {@code LogRelayBench [megabytes=200] [rounds=5]
 * [variants=text,text-poll,text-ts,json,json-poll,text-file,text-virtual]}
 */
public final class LogRelayBench {

    /** CPU time of the last reader thread, for a measure that other load on the machine disturbs less. */
    private static volatile long readerCpuNanos;
    /** CPU time of this whole JVM while the last relay ran: comparable between the thread and poller variants. */
    private static volatile long jvmCpuNanos;
    /** CPU time (user + system) of the last reference reader. */
    private static volatile long catCpuNanos;

    private LogRelayBench() {
    }

    public static void main(String[] args) throws Exception {
        int megabytes = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<String> variants = Arrays.asList(
                (args.length > 2 ? args[2] : "text,text-poll,text-ts,json,json-poll,text-file,text-virtual").split(","));
        Path dir = Files.createTempDirectory("ppm-log-bench");
        Path input = dir.resolve("input.txt");
        Path fifo = dir.resolve("pipe");
        long bytes = writeNumberedLines(input, megabytes * 1_000_000L);
        System.out.printf(Locale.ROOT, "input: %,d bytes of ~80-byte lines%n", bytes);

        List<Double> catRates = new ArrayList<>();
        for (String variant : variants) {
            List<Double> rates = new ArrayList<>();
            List<Double> catThisVariant = new ArrayList<>();
            List<Double> relayCpu = new ArrayList<>();
            List<Double> catCpu = new ArrayList<>();
            List<Double> jvmCpu = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                double cat = rate(bytes, catPipe(input, fifo));
                catCpu.add(rate(bytes, catCpuNanos));
                double relay = rate(bytes, relay(input, fifo, variant, dir));
                if (readerCpuNanos > 0) { // not measurable on a virtual thread
                    relayCpu.add(rate(bytes, readerCpuNanos));
                }
                jvmCpu.add(rate(bytes, jvmCpuNanos));
                catRates.add(cat);
                catThisVariant.add(cat);
                rates.add(relay);
            }
            double relayMedian = median(rates);
            double catMedian = median(catThisVariant);
            System.out.printf(Locale.ROOT, "%-13s relay %6.0f MB/s  cat %6.0f MB/s  ratio %.2f   "
                    + "| per CPU second: relay %6.0f MB  JVM %6.0f MB  cat %6.0f MB   (relay rounds %s)%n",
                    variant, relayMedian, catMedian, relayMedian / catMedian,
                    relayCpu.isEmpty() ? Double.NaN : median(relayCpu), median(jvmCpu), median(catCpu), format(rates));
        }
        System.out.printf(Locale.ROOT, "cat overall median %.0f MB/s%n", median(catRates));
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.delete(p);
            }
        }
        Files.delete(dir);
    }

    private static long writeNumberedLines(Path file, long targetBytes) throws IOException {
        String filler = "abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJKLMNOPQRSTUVWXYZ-0123456789-abcdefg";
        long written = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            for (long i = 1; written < targetBytes; i++) {
                byte[] line = String.format(Locale.ROOT, "%08d %s%n", i, filler).getBytes(StandardCharsets.US_ASCII);
                out.write(line);
                written += line.length;
            }
        }
        return written;
    }

    /** The reference: the same writer, and {@code cat} as the reader of the FIFO. */
    private static long catPipe(Path input, Path fifo) throws Exception {
        makeFifo(fifo);
        long start = System.nanoTime();
        Process writer = startWriter(input, fifo);
        Process reader = new ProcessBuilder("/usr/bin/time", "-f", "%U %S", "cat", fifo.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String times = new String(reader.getErrorStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        if (reader.waitFor() != 0 || writer.waitFor() != 0) {
            throw new IllegalStateException("cat pipe failed: " + times);
        }
        long elapsed = System.nanoTime() - start;
        String[] userSystem = times.split("\\s+");
        catCpuNanos = (long) ((Double.parseDouble(userSystem[0]) + Double.parseDouble(userSystem[1])) * 1e9);
        return elapsed;
    }

    /** The relay reads the FIFO as a {@link PipeInput} or through a {@link FileInputStream}. */
    private static long relay(Path input, Path fifo, String variant, Path dir) throws Exception {
        LogConfig config = switch (variant) {
            case "json", "json-poll" -> new LogConfig(LogConfig.Format.JSON, false);
            case "text-ts" -> new LogConfig(LogConfig.Format.TEXT, true);
            default -> LogConfig.DEFAULT;
        };
        ThreadFactory base = variant.equals("text-virtual")
                ? Thread.ofVirtual().factory() : LogRelay.defaultReaderThreads();
        ThreadFactory threads = task -> base.newThread(() -> {
            try {
                task.run();
            } finally {
                readerCpuNanos = Thread.currentThread().isVirtual()
                        ? -1 : ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }
        });
        makeFifo(fifo);
        try (OutputStream devNull = new FileOutputStream("/dev/null");
                LogRelay relay = new LogRelay(config, devNull, devNull, 1000, LogRelay.DEFAULT_RING_BYTES, threads,
                        InstantSource.system())) {
            LogFileSpec file = variant.equals("text-file")
                    ? new LogFileSpec(dir.resolve("service.log").toString(), 50L * 1024 * 1024, 2) : null;
            relay.register("bench", file);
            long start = System.nanoTime();
            long cpuStart = jvmCpuTime();
            Process writer = startWriter(input, fifo);
            readerCpuNanos = 0;
            relay.attach("bench", variant.endsWith("-poll")
                    ? PipeInput.openFifo(fifo) : new FileInputStream(fifo.toFile()), null);
            if (!relay.awaitDrained(Duration.ofMinutes(2)) || writer.waitFor() != 0) {
                throw new IllegalStateException("relay did not finish");
            }
            jvmCpuNanos = jvmCpuTime() - cpuStart;
            return System.nanoTime() - start;
        }
    }

    private static long jvmCpuTime() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static Process startWriter(Path input, Path fifo) throws IOException {
        return new ProcessBuilder("sh", "-c", "exec cat \"$0\" > \"$1\"", input.toString(), fifo.toString()).start();
    }

    private static void makeFifo(Path fifo) throws Exception {
        Files.deleteIfExists(fifo);
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() != 0) {
            throw new IllegalStateException("mkfifo failed");
        }
    }

    private static double rate(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static String format(List<Double> rates) {
        return rates.stream().map(r -> String.format(Locale.ROOT, "%.0f", r)).toList().toString();
    }
}
