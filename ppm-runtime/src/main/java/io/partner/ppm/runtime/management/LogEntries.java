package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.runtime.DaemonControl;
import io.partner.ppm.runtime.logs.LogLine;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Reads services' output from the daemon for {@code ppm logs}: one service, or all merged by time. */
final class LogEntries {

    /** Orders lines of different services by the time the daemon read them. */
    private static final Comparator<LogEntry> BY_TIME =
            Comparator.comparingLong(LogEntry::timestamp).thenComparing(LogEntry::service).thenComparingLong(LogEntry::seq);

    private final DaemonControl control;

    LogEntries(DaemonControl control) {
        this.control = control;
    }

    List<LogEntry> after(String service, long afterSeq, int max) {
        requireService(service);
        requirePositive(max, "max");
        return map(control.logs(service, Math.max(0, afterSeq), max));
    }

    List<LogEntry> tail(String service, int lines) {
        requirePositive(lines, "lines");
        List<LogEntry> all;
        if (service == null || service.isEmpty()) {
            all = everyService(Long.MIN_VALUE);
        } else {
            requireService(service);
            all = map(control.logs(service, 0, Integer.MAX_VALUE));
        }
        return List.copyOf(all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    List<LogEntry> since(long sinceMillis, int max) {
        requirePositive(max, "max");
        List<LogEntry> all = everyService(sinceMillis);
        return List.copyOf(all.subList(0, Math.min(max, all.size())));
    }

    private List<LogEntry> everyService(long sinceMillis) {
        List<LogEntry> all = new ArrayList<>();
        for (var info : control.supervisor().services()) {
            for (LogLine line : control.logs(info.name(), 0, Integer.MAX_VALUE)) {
                if (line.timestamp() >= sinceMillis) {
                    all.add(entry(line));
                }
            }
        }
        all.sort(BY_TIME);
        return all;
    }

    private void requireService(String service) {
        if (service == null || service.isEmpty()) {
            throw new IllegalArgumentException("no service name given");
        }
        if (control.supervisor().service(service).isEmpty()) {
            throw new IllegalArgumentException(ServiceLookup.unknown(service));
        }
    }

    private static void requirePositive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, got " + value);
        }
    }

    private static List<LogEntry> map(List<LogLine> lines) {
        List<LogEntry> entries = new ArrayList<>(lines.size());
        for (LogLine line : lines) {
            entries.add(entry(line));
        }
        return entries;
    }

    static LogEntry entry(LogLine line) {
        String stream = line.stream() == LogLine.Stream.STDERR ? LogEntry.STDERR : LogEntry.STDOUT;
        return new LogEntry(line.seq(), line.service(), stream, line.timestamp(), line.text());
    }
}
