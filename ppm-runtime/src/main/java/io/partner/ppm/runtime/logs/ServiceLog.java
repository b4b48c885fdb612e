package io.partner.ppm.runtime.logs;

import io.partner.ppm.api.LogFileSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Everything kept for one service's output: the ring of recent lines, the optional log file and the
 * followers. Both readers of the service (stdout and stderr) append here under one lock, so sequence
 * numbers, ring, file and followers all see the same order.
 */
final class ServiceLog {

    /** How often a log file that failed (a full disk) is tried again while lines keep coming. */
    static final long RETRY_MILLIS = 1000;
    private static final long RETRY_NANOS = RETRY_MILLIS * 1_000_000;

    private final String service;
    private final LineRing ring;
    private final List<Consumer<LogLine>> followers = new CopyOnWriteArrayList<>();
    private final List<Consumer<LogLine>> allServicesFollowers;
    private final Consumer<String> problemReporter;
    private RotatingLogFile file;
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
            closeQuietly(reopened);
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

    private static void closeQuietly(RotatingLogFile file) {
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

    /** Opens, replaces or (with null) drops the log file; a file that cannot be opened is reported and skipped. */
    synchronized void useFile(LogFileSpec spec) {
        if (closed || (file != null && file.spec().equals(spec))) {
            return;
        }
        closeFile();
        failedFile = null;
        if (spec != null) {
            try {
                file = new RotatingLogFile(spec);
            } catch (IOException | RuntimeException e) {
                problemReporter.accept("log file " + spec.file() + " of " + service
                        + " cannot be opened: " + e.getMessage());
            }
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
