package io.partner.ppm.cli.command;

import picocli.CommandLine.Option;

/** {@code --json}: print data as JSON instead of a table. */
public final class JsonOption {

    @Option(names = "--json", description = "Print JSON instead of text.")
    boolean json;

    public boolean enabled() {
        return json;
    }
}
