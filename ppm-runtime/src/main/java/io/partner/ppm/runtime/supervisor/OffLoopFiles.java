package io.partner.ppm.runtime.supervisor;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Reads files for the supervisor loop on threads of their own, with a timeout, so that a file that
 * blocks (a FIFO nobody writes to, a hung network mount) delays only the start that needs it. A read
 * still blocked after its timeout is left to finish on its thread; until it does, another read of the
 * same file fails at once instead of leaving one more thread behind.
 */
final class OffLoopFiles implements AutoCloseable {

    private final Duration timeout;
    private final ExecutorService readers = Executors.newCachedThreadPool(
            Thread.ofPlatform().name("ppm-file-read-", 0).daemon().factory());
    private final Map<Path, CompletableFuture<?>> inFlight = new ConcurrentHashMap<>();

    OffLoopFiles(Duration timeout) {
        this.timeout = timeout;
    }

    /** Completes with {@code read} applied to {@code file}, or exceptionally with an IOException whose message says why not. */
    <T> CompletableFuture<T> read(Path file, Function<Path, T> read) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<?> earlier = inFlight.putIfAbsent(file, result);
        if (earlier != null) {
            result.completeExceptionally(new IOException("an earlier read of it has been blocked for more than "
                    + seconds() + " (a FIFO, or a stalled file system?)"));
            return result;
        }
        try {
            readers.execute(() -> {
                try {
                    result.complete(read.apply(file));
                } catch (RuntimeException | Error e) {
                    result.completeExceptionally(e);
                } finally {
                    inFlight.remove(file, result);
                }
            });
        } catch (RejectedExecutionException closed) {
            inFlight.remove(file, result);
            result.completeExceptionally(new IOException("the daemon is shutting down"));
            return result;
        }
        // The caller's view times out; the read itself stays in flight until it returns.
        return result.copy().orTimeout(timeout.toNanos(), TimeUnit.NANOSECONDS).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException
                    ? new IOException("not read within " + seconds() + " (a FIFO, or a stalled file system?)") : cause);
        });
    }

    private String seconds() {
        long millis = timeout.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
