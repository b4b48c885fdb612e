package io.partner.ppm.runtime.logs;

import io.partner.ppm.api.LogFileSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * Everything kept for one service's output: the ring of recent lines, the optional log file and the
 * followers. Both readers of the service (stdout and stderr) append here under one lock, so sequence
 * numbers, ring, file and followers all see the same order.
 */
final class ServiceLog {

    /** How long the first lines wait for a log file being opened. */
    private static final Duration OPEN_GRACE = Duration.ofMillis(50);
    /** How often a log file that failed (a full disk) is tried again while lines keep coming. */
    static final long RETRY_MILLIS = 1000;
    private static final long RETRY_NANOS = RETRY_MILLIS * 1_000_000;

    private final String service;
    private final LineRing ring;
    private final List<Consumer<LogLine>> followers = new CopyOnWriteArrayList<>();
    private final List<Consumer<LogLine>> allServicesFollowers;
    private final Consumer<String> problemReporter;
    private RotatingLogFile file;
    /** The file being opened off this thread ({@link LogFileOpener}), and since when (System.nanoTime). */
    private CompletableFuture<RotatingLogFile> opening;
    private LogFileSpec openingSpec;
    private long openingSince;
    /** The file that failed to be written and is retried (null while writing works). */
    private LogFileSpec failedFile;
    private long retryAt;
    private long linesLost;
    private boolean closed;

    ServiceLog(String service, int ringLines, int ringBytes, List<Consumer<LogLine>> allServicesFollowers,
            Consumer<String> problemReporter) {
        this.service = service;
        this.ring = new LineRing(ringLines, ringBytes);
        this.allServicesFollowers = allServicesFollowers;
        this.problemReporter = problemReporter;
    }

    String service() {
        return service;
    }

    synchronized void append(byte[] src, LineBatch batch, LogLine.Stream stream, long time) {
        long firstSeq = ring.nextSeq();
        ring.append(src, batch, stream, time);
        if (opening != null) {
            awaitOpening();
        }
        if (file != null) {
            writeToFile(src, batch);
        } else if (failedFile != null) {
            retryFile(src, batch);
        }
        if (!followers.isEmpty() || !allServicesFollowers.isEmpty()) {
            notifyFollowers(src, batch, stream, time, firstSeq);
        }
    }

    private void writeToFile(byte[] src, LineBatch batch) {
        try {
            file.write(src, batch);
        } catch (IOException e) {
            // A full disk must not stop the service: keep relaying to stdout, and try the file again later.
            LogFileSpec spec = file.spec();
            problemReporter.accept("log file " + spec.file() + " of " + service + " cannot be written: "
                    + e.getMessage() + "; its lines are dropped until writing works again");
            closeFile();
            failedFile = spec;
            linesLost = batch.size();
            retryAt = System.nanoTime() + RETRY_NANOS;
        }
    }

    /**
     * Reopens a file that failed, at most once per {@value #RETRY_MILLIS} ms, and writes the batch to
     * it; says once that it works again and how many lines it missed.
     */
    private void retryFile(byte[] src, LineBatch batch) {
        if (System.nanoTime() - retryAt < 0) {
            linesLost += batch.size();
            return;
        }
        RotatingLogFile reopened = null;
        try {
            reopened = new RotatingLogFile(failedFile);
            reopened.write(src, batch);
        } catch (IOException | RuntimeException e) {
            closeFailed(reopened);
            linesLost += batch.size();
            retryAt = System.nanoTime() + RETRY_NANOS;
            return;
        }
        problemReporter.accept("log file " + failedFile.file() + " of " + service + " is written again ("
                + linesLost + (linesLost == 1 ? " line" : " lines") + " could not be written)");
        file = reopened;
        failedFile = null;
        linesLost = 0;
    }

    private static void closeFailed(RotatingLogFile file) {
        if (file != null) {
            try {
                file.close();
            } catch (IOException ignored) {
                // It failed already; nothing more to say.
            }
        }
    }

    private void notifyFollowers(byte[] src, LineBatch batch, LogLine.Stream stream, long time, long firstSeq) {
        for (int i = 0; i < batch.size(); i++) {
            String text = new String(src, batch.offset(i), batch.length(i), StandardCharsets.UTF_8);
            LogLine line = new LogLine(firstSeq + i, service, stream, time, text, batch.partial(i));
            deliver(followers, line);
            deliver(allServicesFollowers, line);
        }
    }

    private void deliver(List<Consumer<LogLine>> consumers, LogLine line) {
        for (Consumer<LogLine> consumer : consumers) {
            try {
                consumer.accept(line);
            } catch (RuntimeException e) {
                // One broken subscriber must not stop the relay or the other subscribers.
                consumers.remove(consumer);
                problemReporter.accept("log follower of " + service + " removed after it failed: " + e);
            }
        }
    }

    synchronized List<LogLine> tail(int lines) {
        return ring.tail(service, lines);
    }

    synchronized List<LogLine> since(long afterSeq, int max) {
        return ring.since(service, afterSeq, max);
    }

    AutoCloseable follow(Consumer<LogLine> consumer) {
        followers.add(consumer);
        return () -> followers.remove(consumer);
    }

    /**
     * Opens, replaces or (with null) drops the log file and returns at once: the file is opened on
     * another thread, with a timeout. A file that cannot be opened is reported and skipped.
     */
    synchronized void useFile(LogFileSpec spec) {
        if (closed || (file != null && file.spec().equals(spec)) || (opening != null && openingSpec.equals(spec))) {
            return;
        }
        closeFile();
        failedFile = null;
        if (spec != null) {
            CompletableFuture<RotatingLogFile> open = LogFileOpener.open(spec);
            opening = open;
            openingSpec = spec;
            openingSince = System.nanoTime();
            open.whenComplete((opened, error) -> opened(open, opened, error));
        }
    }

    /**
     * The first lines of a service usually arrive before its file is open: they wait for the open a
     * moment ({@link #OPEN_GRACE} from the request), not the open's whole timeout, so a path that blocks
     * holds up this relay once and briefly; lines after that skip the file until it is open.
     */
    private void awaitOpening() {
        CompletableFuture<RotatingLogFile> open = opening;
        long left = OPEN_GRACE.toNanos() - (System.nanoTime() - openingSince);
        try {
            RotatingLogFile opened = left > 0 ? open.get(left, TimeUnit.NANOSECONDS) : open.getNow(null);
            if (opened != null) {
                opened(open, opened, null);
            }
        } catch (TimeoutException | InterruptedException | ExecutionException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Reported by opened() when the open fails; until then the lines skip the file.
        }
    }

    private synchronized void opened(CompletableFuture<RotatingLogFile> open, RotatingLogFile opened, Throwable error) {
        if (opening != open) {
            if (opened != null && opened != file) {
                closeQuietly(opened); // replaced or closed while it was being opened
            }
            return;
        }
        opening = null;
        if (error != null) {
            problemReporter.accept("log file " + openingSpec.file() + " of " + service
                    + " cannot be opened: " + LogFileOpener.describe(error));
        } else if (closed) {
            closeQuietly(opened);
        } else {
            file = opened;
        }
    }

    private void closeQuietly(RotatingLogFile opened) {
        try {
            opened.close();
        } catch (IOException e) {
            problemReporter.accept("log file " + opened.spec().file() + " of " + service + ": " + e.getMessage());
        }
    }

    /** Closes the file; readers still draining keep relaying to the daemon's stdout and stderr. */
    synchronized void close() {
        closed = true;
        closeFile();
        failedFile = null;
        followers.clear();
    }

    private void closeFile() {
        opening = null;
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                problemReporter.accept("log file " + file.spec().file() + " of " + service + ": " + e.getMessage());
            }
            file = null;
        }
    }
}
