package io.partner.ppm.cli;

import io.partner.ppm.cli.output.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs {@code ppm} in-process with a given environment and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Ppm.run(new Context(env, new PrintWriter(out, true), new PrintWriter(err, true), Style.plain()), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The standard error, which must be one line for a failure. */
    String errorLine() {
        return err.strip();
    }
}
