package io.partner.ppm.runtime.logs;

import io.partner.ppm.runtime.config.LogConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;

/**
 * A relay whose stdout and stderr are captured in memory, fed by real child processes. Closes the
 * relay when closed.
 */
final class RelayHarness implements AutoCloseable {

    static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);

    final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    final LogRelay relay;

    RelayHarness(LogConfig config, int ringLines) {
        this(config, ringLines, LogRelay.DEFAULT_RING_BYTES, InstantSource.system());
    }

    RelayHarness(LogConfig config, int ringLines, int ringBytes, InstantSource clock) {
        relay = new LogRelay(config, stdout, stderr, ringLines, ringBytes, LogRelay.defaultReaderThreads(), clock);
    }

    /** Starts {@code command} and relays its stdout and stderr as {@code service}. */
    Process run(String service, String... command) throws IOException {
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        relay.attach(service, process.getInputStream(), process.getErrorStream());
        return process;
    }

    /** Runs a shell script as {@code service}. */
    Process sh(String service, String script) throws IOException {
        return run(service, "sh", "-c", script);
    }

    /** Waits until everything attached so far has been relayed. */
    void drain() throws InterruptedException {
        if (!relay.awaitDrained(DRAIN_TIMEOUT)) {
            throw new AssertionError("output not drained within " + DRAIN_TIMEOUT);
        }
        if (!relay.flushDaemonMessages(DRAIN_TIMEOUT)) {
            throw new AssertionError("daemon messages not written within " + DRAIN_TIMEOUT);
        }
    }

    List<String> stdoutLines() {
        return lines(stdout);
    }

    List<String> stderrLines() {
        return lines(stderr);
    }

    /** The captured text split at newlines; every output line must end with one. */
    static List<String> lines(ByteArrayOutputStream captured) {
        String text = captured.toString(StandardCharsets.UTF_8);
        if (text.isEmpty()) {
            return List.of();
        }
        if (!text.endsWith("\n")) {
            throw new AssertionError("output does not end with a newline");
        }
        return Arrays.asList(text.substring(0, text.length() - 1).split("\n", -1));
    }

    @Override
    public void close() {
        relay.close();
    }
}
