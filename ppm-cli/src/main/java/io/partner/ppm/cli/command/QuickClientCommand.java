package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import picocli.CommandLine.Mixin;

/**
 * A command that reads from the daemon and that the quick path may run: it has {@code --url},
 * {@code --user} and {@code --json}, declared here once for picocli and for the quick path, and
 * perhaps one optional NAME, which a subclass declares to picocli with its own description through a
 * setter of {@link #name}.
 */
abstract class QuickClientCommand implements QuickRunnable {

    final Context context;
    private final boolean takesName;

    @Mixin
    ConnectionOptions connection = new ConnectionOptions();

    @Mixin
    JsonOption json = new JsonOption();

    /** The service NAME given on the command line; null when none was (or the command takes none). */
    String name;

    QuickClientCommand(Context context, boolean takesName) {
        this.context = context;
        this.takesName = takesName;
    }

    @Override
    public final JsonOption json() {
        return json;
    }

    @Override
    public final ConnectionOptions connection() {
        return connection;
    }

    @Override
    public final boolean takeName(String name) {
        if (takesName) {
            this.name = name;
        }
        return takesName;
    }
}
