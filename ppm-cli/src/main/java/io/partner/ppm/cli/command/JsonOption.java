package io.partner.ppm.cli.command;

import picocli.CommandLine.Option;

/** {@code --json}: print data as JSON instead of a table. */
public final class JsonOption {

    /** The option name, for picocli and for the quick path alike. */
    public static final String NAME = "--json";

    @Option(names = NAME, description = "Print JSON instead of text.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
