package io.partner.ppm.runtime.management;

import java.util.function.Supplier;

/**
 * Runs an MBean operation and turns whatever it throws into a plain JDK exception with a one-line
 * message and no cause, so a remote JMX client (or Jolokia) needs none of the daemon's classes to
 * read the error and never sees a stack trace of the daemon's internals.
 */
final class JdkExceptions {

    private static final System.Logger LOG = System.getLogger(JdkExceptions.class.getName());

    private JdkExceptions() {
    }

    static <T> T call(Supplier<T> operation) {
        try {
            return operation.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(oneLine(e));
        } catch (IllegalStateException | UnsupportedOperationException e) {
            throw new IllegalStateException(oneLine(e));
        } catch (RuntimeException e) {
            // Not a user mistake: keep the details in the daemon's log, give the client a short line.
            LOG.log(System.Logger.Level.ERROR, "management operation failed", e);
            throw new IllegalStateException("internal error: " + oneLine(e));
        }
    }

    static void run(Runnable operation) {
        call(() -> {
            operation.run();
            return null;
        });
    }

    /** The exception's message reduced to its first line, or its type when it has none. */
    static String oneLine(Throwable e) {
        String message = e.getMessage();
        if (message == null || message.isBlank()) {
            return e.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).strip();
    }
}
