package io.partner.ppm.runtime.logs;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Routes the JDK's logging ({@code System.Logger}, java.util.logging, and PF4J's slf4j through
 * slf4j-jdk14) into the daemon's own output, one line per message, so that plugin and library
 * messages follow the daemon's log format and never interleave with service lines.
 *
 * <p>Stack traces are left out: a message and its cause's one-line description are what an operator
 * reads in a container log.
 */
public final class DaemonLogHandler extends Handler {

    /** Held so the level set on it is not lost: java.util.logging keeps loggers only weakly. */
    private static final Logger PF4J = Logger.getLogger("org.pf4j");

    private volatile Consumer<String> sink;
    private final List<Handler> replaced = new ArrayList<>();

    private DaemonLogHandler(Consumer<String> sink) {
        this.sink = sink;
        setLevel(Level.INFO);
    }

    /** Replaces the root logger's handlers with one that writes to {@code sink}; close to restore them. */
    public static DaemonLogHandler install(Consumer<String> sink) {
        DaemonLogHandler handler = new DaemonLogHandler(sink);
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler existing : root.getHandlers()) {
            handler.replaced.add(existing);
            root.removeHandler(existing);
        }
        root.addHandler(handler);
        // PF4J reports every step of loading at INFO; the daemon reports plugins itself.
        PF4J.setLevel(Level.WARNING);
        return handler;
    }

    /** Sends the following messages to {@code next} (the log relay, once the daemon has one). */
    public void redirect(Consumer<String> next) {
        sink = next;
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        StringBuilder line = new StringBuilder();
        if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
            line.append(record.getLevel() == Level.SEVERE ? "error: " : "warning: ");
        }
        line.append(source(record.getLoggerName())).append(": ").append(message(record));
        if (record.getThrown() != null) {
            line.append(": ").append(record.getThrown());
        }
        sink.accept(line.toString().replace('\n', ' '));
    }

    private String message(LogRecord record) {
        String message = record.getMessage();
        Object[] parameters = record.getParameters();
        if (message == null) {
            return "";
        }
        if (parameters == null || parameters.length == 0) {
            return message;
        }
        return MessageFormat.format(message, parameters);
    }

    /** {@code io.partner.ppm.plugin.cron.CronJob} → {@code CronJob}. */
    private static String source(String loggerName) {
        if (loggerName == null) {
            return "log";
        }
        return loggerName.substring(loggerName.lastIndexOf('.') + 1);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger root = LogManager.getLogManager().getLogger("");
        root.removeHandler(this);
        replaced.forEach(root::addHandler);
        replaced.clear();
    }
}
