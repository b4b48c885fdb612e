package io.partner.ppm.cli.command;

import io.partner.ppm.cli.Context;
import io.partner.ppm.cli.client.DaemonClient;
import picocli.CommandLine.Option;

/** How a command reaches the daemon: {@code --url} / {@code PPM_URL}, or the daemon's runtime file. */
public final class ConnectionOptions {

    /** The option names, for picocli and for the quick path alike. */
    public static final String URL = "--url";
    public static final String USER = "--user";

    @Option(names = URL, paramLabel = "URL",
            description = "The daemon's Jolokia URL (http://127.0.0.1:8778/jolokia/) or JMX service URL "
                    + "(service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi). Default: $PPM_URL, else the runtime file.")
    String url;

    @Option(names = USER, paramLabel = "USER",
            description = "User for a daemon that requires authentication; the password is read from $PPM_PASSWORD.")
    String user;

    /** Connects to the daemon. */
    public DaemonClient connect(Context context) {
        String target = url != null ? url : blankToNull(context.env().get("PPM_URL"));
        return context.endpoints().connect(target, user, user == null ? null : context.env().get("PPM_PASSWORD"));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
