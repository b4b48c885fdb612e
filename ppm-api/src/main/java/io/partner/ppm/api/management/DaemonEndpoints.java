package io.partner.ppm.api.management;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a running daemon can be reached: the content of its runtime file, which the {@code ppm}
 * command reads to find the daemon without being told.
 *
 * <p>The file is a flat JSON object with the keys of {@link #toMap()}; its default location is
 * {@link #defaultLocation(Map, String)}.
 *
 * @param pid the daemon's process id
 * @param version the PPM version
 * @param startedAt epoch milliseconds when the daemon started
 * @param jmxUrl the JMX service URL, or null when the RMI connector is disabled
 * @param jolokiaUrl the Jolokia base URL (ending in {@code /}), or null when Jolokia is disabled
 * @param user the user name of the daemon's control credential, or null
 * @param password the password of the daemon's control credential, made at random at every start, or
 *     null; this is why the file is readable by the daemon's user only
 */
public record DaemonEndpoints(long pid, String version, long startedAt, String jmxUrl, String jolokiaUrl,
        String user, String password) {

    /** Endpoints without a control credential. */
    public DaemonEndpoints(long pid, String version, long startedAt, String jmxUrl, String jolokiaUrl) {
        this(pid, version, startedAt, jmxUrl, jolokiaUrl, null, null);
    }

    /** The environment variable that overrides the runtime file's location. */
    public static final String ENV_RUNTIME_FILE = "PPM_RUNTIME_FILE";

    /** The file name inside the runtime folder. */
    public static final String FILE_NAME = "daemon.json";

    /**
     * The runtime file's location: {@code $PPM_RUNTIME_FILE} when set; else
     * {@code $XDG_RUNTIME_DIR/ppm/daemon.json}; else {@code /run/ppm/daemon.json} for root (a
     * container's usual user); else {@code /tmp/ppm-USER/daemon.json}.
     *
     * @param env the environment to read
     * @param user the current user's name
     */
    public static Path defaultLocation(Map<String, String> env, String user) {
        String override = env.get(ENV_RUNTIME_FILE);
        if (override != null && !override.isBlank()) {
            return Path.of(override);
        }
        String xdg = env.get("XDG_RUNTIME_DIR");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ppm", FILE_NAME);
        }
        if ("root".equals(user)) {
            return Path.of("/run/ppm", FILE_NAME);
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "ppm-" + user, FILE_NAME);
    }

    /** The runtime file's location for this process's environment and user. */
    public static Path defaultLocation() {
        return defaultLocation(System.getenv(), System.getProperty("user.name"));
    }

    /** Whether the file carries a control credential. */
    public boolean hasCredential() {
        return user != null && password != null;
    }

    /** As {@link #toString()} of a record, but never with the password. */
    @Override
    public String toString() {
        return "DaemonEndpoints[pid=" + pid + ", version=" + version + ", jmxUrl=" + jmxUrl + ", jolokiaUrl=" + jolokiaUrl
                + ", user=" + user + "]";
    }

    /**
     * The runtime file's keys and values, in the file's order: numbers as {@link Long}, the rest as
     * strings or null. {@link #fromMap(Map)} reads it back.
     */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("pid", pid);
        map.put("version", version);
        map.put("startedAt", startedAt);
        map.put("jmxUrl", jmxUrl);
        map.put("jolokiaUrl", jolokiaUrl);
        map.put("user", user);
        map.put("password", password);
        return map;
    }

    /** Builds the record from a parsed JSON object (numbers as any {@link Number}, missing keys as null). */
    public static DaemonEndpoints fromMap(Map<String, ?> json) {
        return new DaemonEndpoints(
                number(json.get("pid")),
                text(json.get("version")),
                number(json.get("startedAt")),
                text(json.get("jmxUrl")),
                text(json.get("jolokiaUrl")),
                text(json.get("user")),
                text(json.get("password")));
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
