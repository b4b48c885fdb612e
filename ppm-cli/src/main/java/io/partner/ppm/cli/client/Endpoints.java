package io.partner.ppm.cli.client;

import io.partner.ppm.api.management.DaemonEndpoints;
import io.partner.ppm.cli.CliException;
import io.partner.ppm.cli.json.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the daemon: {@code --url}, else {@code $PPM_URL}, else the runtime file the daemon wrote,
 * else the default endpoints. Both transports work everywhere; when the runtime file offers both,
 * Jolokia is used because it answers {@code ppm ls} faster (see docs/performance.md).
 *
 * <p>The runtime file is believed only when it is the user's own ({@link RuntimeFileTrust}); its
 * control credential is sent only to the endpoints it names, and only when no {@code --user} is given.
 */
public final class Endpoints {

    /** JConsole's URL for a daemon on the default port. */
    public static final String DEFAULT_JMX_URL = "service:jmx:rmi:///jndi/rmi://127.0.0.1:9010/jmxrmi";
    /** Jolokia's default base URL. */
    public static final String DEFAULT_JOLOKIA_URL = "http://127.0.0.1:8778/jolokia/";

    private final Map<String, String> env;
    private final String user;

    public Endpoints(Map<String, String> env, String user) {
        this.env = env;
        this.user = user;
    }

    /** The runtime file this environment points at. */
    public Path runtimeFile() {
        return DaemonEndpoints.defaultLocation(env, user);
    }

    /** Connects to the daemon at {@code url} (null: find it). */
    public DaemonClient connect(String url, String login, String password) {
        DaemonEndpoints running = readRuntimeFile();
        String target = url != null ? url : find(running);
        if (login == null && running != null && running.hasCredential()
                && (target.equals(running.jolokiaUrl()) || target.equals(running.jmxUrl()))) {
            // The daemon's own credential, for the daemon's own endpoint: its owner controls it without typing anything.
            login = running.user();
            password = running.password();
        }
        if (target.startsWith("service:jmx:")) {
            return JmxDaemonClient.connect(target, login, password);
        }
        if (target.startsWith("http://") || target.startsWith("https://")) {
            return JolokiaDaemonClient.of(target.endsWith("/") ? target : target + "/", login, password);
        }
        throw new CliException.Usage("--url " + target + " is neither a JMX service URL (service:jmx:rmi://...) "
                + "nor a Jolokia URL (http://HOST:PORT/jolokia/)");
    }

    /** The URL to use when none is given: the runtime file's, else Jolokia's default. */
    public String find() {
        return find(readRuntimeFile());
    }

    private static String find(DaemonEndpoints running) {
        if (running != null) {
            if (running.jolokiaUrl() != null) {
                return running.jolokiaUrl();
            }
            if (running.jmxUrl() != null) {
                return running.jmxUrl();
            }
        }
        return DEFAULT_JOLOKIA_URL;
    }

    /**
     * The daemon's runtime file, or null when there is none, it cannot be read or its daemon is gone.
     *
     * @throws CliException.Unreachable when the file exists but is not the user's own (see {@link RuntimeFileTrust})
     */
    public DaemonEndpoints readRuntimeFile() {
        Path file = runtimeFile();
        try {
            RuntimeFileTrust.check(file);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            if (!(Json.parse(text) instanceof Map<?, ?> map)) {
                return null;
            }
            @SuppressWarnings("unchecked")
            DaemonEndpoints endpoints = DaemonEndpoints.fromMap((Map<String, ?>) map);
            // A daemon killed without clean-up leaves its file behind; its endpoints are dead too.
            return ProcessHandle.of(endpoints.pid()).map(ProcessHandle::isAlive).orElse(false) ? endpoints : null;
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** The error for an endpoint where no daemon answers. */
    static CliException.Unreachable unreachable(String url, IOException cause) {
        String why = cause instanceof ConnectException || cause.getCause() instanceof ConnectException
                ? "connection refused" : firstLine(cause);
        return new CliException.Unreachable("no daemon reachable at " + url + " (" + why + "); start one with 'ppm daemon'");
    }

    private static String firstLine(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
