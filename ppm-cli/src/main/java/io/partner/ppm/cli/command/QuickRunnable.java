package io.partner.ppm.cli.command;

import java.util.concurrent.Callable;

/**
 * A command the quick path may run without picocli (see {@code QuickPath}) when its command line is
 * plain: {@code --json}, the {@link ConnectionOptions} if it has them, and at most one NAME if it takes
 * one. The command says which of these it has; {@link #takeName} and {@link #runQuick} set them as
 * picocli would, and the latter runs it.
 */
public interface QuickRunnable extends Callable<Integer> {

    /** The command's {@code --json}. */
    JsonOption json();

    /** The command's {@code --url} and {@code --user}; null when it does not talk to the daemon. */
    default ConnectionOptions connection() {
        return null;
    }

    /**
     * Offers the command the one NAME (a service) of its command line: true when it takes one and has
     * kept it, false (the default) when it takes none.
     */
    default boolean takeName(String name) {
        return false;
    }

    /** Sets what the quick path read from the command line, as picocli would, and runs the command. */
    default int runQuick(QuickArguments arguments) throws Exception {
        json().json = arguments.json();
        if (connection() != null) {
            connection().url = arguments.url();
            connection().user = arguments.user();
        }
        return call();
    }
}
