package io.partner.ppm.cli;

import io.partner.ppm.cli.client.Endpoints;
import io.partner.ppm.cli.output.Style;
import java.io.PrintWriter;
import java.util.Map;

/**
 * What a command works with besides its arguments: the environment, where to print, whether to
 * use colour. Passed in rather than read from globals, so tests run commands in-process.
 */
public record Context(Map<String, String> env, PrintWriter out, PrintWriter err, Style style) {

    public Context {
        env = Map.copyOf(env);
    }

    /** The user's name, for the runtime file's default location. */
    public String user() {
        return System.getProperty("user.name");
    }

    public Endpoints endpoints() {
        return new Endpoints(env, user());
    }
}
