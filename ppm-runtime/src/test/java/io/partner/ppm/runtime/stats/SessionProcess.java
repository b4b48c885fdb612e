package io.partner.ppm.runtime.stats;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real process started the way the daemon starts a service: in a session of its own (through
 * util-linux {@code setsid}), so its pid is its process group and session id. Closing it kills it
 * and everything it started.
 */
final class SessionProcess implements AutoCloseable {

    private final Process process;
    private final BufferedReader output;

    private SessionProcess(Process process) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static SessionProcess start(String... command) {
        List<String> line = new ArrayList<>();
        line.add("setsid");
        line.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            SessionProcess started = new SessionProcess(process);
            // setsid runs in the child before exec: wait until the pid leads its own session.
            await().atMost(Duration.ofSeconds(20)).until(started::leadsItsSession);
            return started;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    long pid() {
        return process.pid();
    }

    /** The service map the sampler takes, with this process as the leader of {@code name}. */
    Map<String, Long> as(String name) {
        return Map.of(name, pid());
    }

    /** Waits until the process (or its children) printed {@code count} lines equal to {@code line}. */
    void awaitLines(String line, int count) {
        CompletableFuture<Void> seen = CompletableFuture.runAsync(() -> {
            int found = 0;
            try {
                String read;
                while (found < count && (read = output.readLine()) != null) {
                    if (read.equals(line)) {
                        found++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (found < count) {
                throw new IllegalStateException("output ended after " + found + " of " + count + " '" + line + "'");
            }
        });
        try {
            seen.get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("no " + count + " x '" + line + "' from " + process.info().commandLine(), e);
        }
    }

    private boolean leadsItsSession() throws IOException {
        if (!process.isAlive()) {
            throw new IllegalStateException("exited with " + process.exitValue() + " before it was set up");
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid()), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return fields[3].equals(Long.toString(pid()));
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
