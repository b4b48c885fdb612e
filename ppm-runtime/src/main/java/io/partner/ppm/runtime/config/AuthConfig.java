package io.partner.ppm.runtime.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code daemon.auth}: users who may control the daemon over JMX and Jolokia, in addition to the
 * random credential the daemon writes into its runtime file at every start.
 *
 * @param users user name to password hash ({@code sha256:HEX}, the hex SHA-256 of the password)
 * @param file a file of {@code NAME sha256:HEX} lines (blank lines and {@code #} comments allowed), or null
 */
public record AuthConfig(Map<String, String> users, String file) {

    public static final AuthConfig NONE = new AuthConfig(Map.of(), null);

    /** The one hash form accepted: {@code printf %s 'secret' | sha256sum} gives the hex part. */
    public static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");

    /** User names: no spaces or colons (HTTP Basic splits at the first colon). */
    public static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");

    public AuthConfig {
        users = Collections.unmodifiableMap(new LinkedHashMap<>(users));
    }

    /** Whether any user is configured here (the runtime file's credential aside). */
    public boolean hasUsers() {
        return !users.isEmpty() || file != null;
    }
}
