package io.partner.ppm.runtime.logs;

import io.partner.ppm.api.LogFileSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens services' log files on threads of their own, so that neither the supervisor loop (which
 * registers a service's log) nor the relay waits on a path that blocks: a FIFO nobody reads, a hung
 * network mount. An open that has not finished after {@link #TIMEOUT} is reported as failed; should it
 * finish later, the file is closed again.
 */
final class LogFileOpener {

    static final Duration TIMEOUT = Duration.ofSeconds(2);

    private static final ExecutorService OPENERS = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("ppm-log-open-", 0).daemon().factory());

    private LogFileOpener() {
    }

    /** The opened file, or an exceptional completion whose cause's message says why not (an IOException). */
    static CompletableFuture<RotatingLogFile> open(LogFileSpec spec) {
        CompletableFuture<RotatingLogFile> opening = CompletableFuture.supplyAsync(() -> {
            try {
                return new RotatingLogFile(spec);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, OPENERS);
        CompletableFuture<RotatingLogFile> bounded = opening.copy().orTimeout(TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenComplete((file, error) -> {
            if (error != null) {
                // Given up on: whatever the late open gives is closed, not leaked.
                opening.thenAccept(LogFileOpener::closeQuietly);
            }
        });
        return bounded;
    }

    /** One line on why an open failed. */
    static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof UncheckedIOException io) {
            cause = io.getCause();
        }
        if (cause instanceof TimeoutException) {
            return "not opened within " + TIMEOUT.toSeconds() + " s (a FIFO, or a stalled file system?)";
        }
        return String.valueOf(cause.getMessage());
    }

    private static void closeQuietly(RotatingLogFile file) {
        try {
            file.close();
        } catch (IOException e) {
            // It was never used.
        }
    }
}
