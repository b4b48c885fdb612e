package io.partner.ppm.cli.command;

import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.Version;
import io.partner.ppm.cli.ExitCodes;
import io.partner.ppm.cli.client.DaemonClient;
import io.partner.ppm.cli.json.Json;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ppm logs [NAME] [-f] [-n LINES]}: the last lines the daemon kept of a service's output (or
 * of every service, prefixed with the name), and with {@code -f} every new line as it comes.
 */
@Command(name = "logs", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Print the last lines of a service's output, or of every service; -f keeps following.")
public final class LogsCommand implements Callable<Integer> {

    /** How often {@code -f} asks for new lines: fast enough to feel live, rare enough to cost nothing. */
    private static final long POLL_MILLIS = 300;
    private static final int BATCH = 1_000;

    private final Context context;

    @Mixin
    ConnectionOptions connection;

    @Mixin
    JsonOption json;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "A service; all services when omitted.")
    String name;

    @Option(names = {"-f", "--follow"}, description = "Keep printing new lines until interrupted.")
    boolean follow;

    @Option(names = {"-n", "--lines"}, paramLabel = "LINES", defaultValue = "20",
            description = "How many of the last lines to print first (default: ${DEFAULT-VALUE}).")
    int lines;

    public LogsCommand(Context context) {
        this.context = context;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (lines <= 0) {
            throw new CliException.Usage("-n " + lines + ": the number of lines must be at least 1");
        }
        try (DaemonClient client = connection.connect(context)) {
            List<LogEntry> last = client.tail(name == null ? "" : name, lines);
            print(last);
            if (follow) {
                if (name != null) {
                    followOne(client, last.isEmpty() ? 0 : last.getLast().seq());
                } else {
                    followAll(client, last);
                }
            }
        }
        return ExitCodes.OK;
    }

    private void followOne(DaemonClient client, long cursor) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            List<LogEntry> batch = client.logs(name, cursor, BATCH);
            print(batch);
            if (!batch.isEmpty()) {
                cursor = batch.getLast().seq();
            }
            if (batch.size() < BATCH) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    /**
     * Every service: ask for lines read at or after the last timestamp seen and drop those already
     * printed (same service and sequence number), so nothing is lost or printed twice when several
     * lines share a millisecond.
     */
    private void followAll(DaemonClient client, List<LogEntry> printed) throws InterruptedException {
        long since = printed.isEmpty() ? 0 : printed.getLast().timestamp();
        Set<String> seenAtSince = keysAt(printed, since);
        while (!Thread.currentThread().isInterrupted()) {
            List<LogEntry> batch = client.logsSince(since, BATCH);
            List<LogEntry> fresh = batch.stream().filter(e -> !seenAtSince.contains(key(e))).toList();
            print(fresh);
            if (!fresh.isEmpty()) {
                long latest = fresh.getLast().timestamp();
                if (latest != since) {
                    seenAtSince.clear();
                    since = latest;
                }
                seenAtSince.addAll(keysAt(fresh, since));
            }
            if (batch.size() < BATCH) {
                Thread.sleep(POLL_MILLIS);
            }
        }
    }

    private static Set<String> keysAt(List<LogEntry> entries, long timestamp) {
        Set<String> keys = new HashSet<>();
        for (LogEntry entry : entries) {
            if (entry.timestamp() == timestamp) {
                keys.add(key(entry));
            }
        }
        return keys;
    }

    private static String key(LogEntry entry) {
        return entry.service() + '\u0000' + entry.seq();
    }

    private void print(List<LogEntry> entries) {
        for (LogEntry entry : entries) {
            if (json.enabled()) {
                context.out().println(Json.write(entry));
            } else {
                String text = entry.isStderr() ? context.style().red(entry.text()) : entry.text();
                context.out().println(name == null ? context.style().cyan(entry.service()) + " | " + text : text);
            }
        }
        context.out().flush();
    }
}
