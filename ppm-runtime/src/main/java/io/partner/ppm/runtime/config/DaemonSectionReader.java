package io.partner.ppm.runtime.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads the {@code daemon:} section: control endpoints, log format, sampling, plugins, shutdown and
 * {@code exit_with}. A control endpoint on a non-loopback address without authentication is refused
 * here, at the line that opens it.
 */
final class DaemonSectionReader {

    static final List<String> KEYS =
            List.of("jmx", "jolokia", "auth", "log", "stats", "plugins", "shutdown", "exit_with");
    static final List<String> JMX_KEYS = List.of("enabled", "host", "port", "password_file", "access_file");
    static final List<String> JOLOKIA_KEYS =
            List.of("enabled", "host", "port", "user", "password", "keystore", "keystore_password",
                    "allowed_origins", "allowed_hosts");
    static final List<String> AUTH_KEYS = List.of("users", "file");
    static final List<String> LOG_KEYS = List.of("format", "timestamps");
    static final List<String> STATS_KEYS = List.of("interval");
    static final List<String> PLUGINS_KEYS = List.of("dir", "disabled");
    static final List<String> SHUTDOWN_KEYS = List.of("timeout");

    private static final int MAX_PORT = 65_535;

    private DaemonSectionReader() {
    }

    static DaemonSettings read(Node node, Scope scope) throws ConfigException {
        MapNode daemon = NodeValues.map(node, scope);
        NodeValues.checkKeys(daemon, KEYS, scope);
        Optional<Node> exitWith = daemon.value("exit_with");
        return new DaemonSettings(
                jmx(section(daemon, "jmx", JMX_KEYS, scope), scope.child("jmx")),
                jolokia(section(daemon, "jolokia", JOLOKIA_KEYS, scope), scope.child("jolokia")),
                log(section(daemon, "log", LOG_KEYS, scope), scope.child("log")),
                positive(section(daemon, "stats", STATS_KEYS, scope), "interval", scope.child("stats"),
                        DaemonConfig.DEFAULT_STATS_INTERVAL),
                plugins(section(daemon, "plugins", PLUGINS_KEYS, scope), scope.child("plugins")),
                duration(section(daemon, "shutdown", SHUTDOWN_KEYS, scope), "timeout", scope.child("shutdown"),
                        DaemonConfig.DEFAULT_SHUTDOWN_TIMEOUT),
                exitWith.isPresent() ? NodeValues.nonBlank(exitWith.get(), scope.child("exit_with")) : null,
                exitWith.map(Node::mark).orElse(null),
                auth(section(daemon, "auth", AUTH_KEYS, scope), scope.child("auth")));
    }

    private static MapNode section(MapNode daemon, String key, List<String> keys, Scope scope) throws ConfigException {
        Optional<Node> value = daemon.value(key);
        if (value.isEmpty()) {
            return new MapNode(List.of(), daemon.mark());
        }
        MapNode section = NodeValues.map(value.get(), scope.child(key));
        NodeValues.checkKeys(section, keys, scope.child(key));
        return section;
    }

    private static JmxConfig jmx(MapNode jmx, Scope scope) throws ConfigException {
        JmxConfig d = JmxConfig.DEFAULT;
        JmxConfig config = new JmxConfig(
                bool(jmx, "enabled", scope, d.enabled()),
                string(jmx, "host", scope, d.host()),
                port(jmx, scope, d.port()),
                string(jmx, "password_file", scope, d.passwordFile()),
                string(jmx, "access_file", scope, d.accessFile()));
        if (config.enabled() && !isLoopback(config.host())
                && (config.passwordFile() == null || config.accessFile() == null)) {
            throw ConfigException.at(markOf(jmx, "host"), scope.child("host").problem("'" + config.host()
                    + "' is not a loopback address: set password_file and access_file to allow remote connections"));
        }
        return config;
    }

    private static JolokiaConfig jolokia(MapNode jolokia, Scope scope) throws ConfigException {
        JolokiaConfig d = JolokiaConfig.DEFAULT;
        JolokiaConfig config = new JolokiaConfig(
                bool(jolokia, "enabled", scope, d.enabled()),
                string(jolokia, "host", scope, d.host()),
                port(jolokia, scope, d.port()),
                string(jolokia, "user", scope, d.user()),
                string(jolokia, "password", scope, d.password()),
                string(jolokia, "keystore", scope, d.keystore()),
                string(jolokia, "keystore_password", scope, d.keystorePassword()),
                strings(jolokia, "allowed_origins", scope),
                strings(jolokia, "allowed_hosts", scope));
        requireTogether(jolokia, "user", "password", scope);
        requireTogether(jolokia, "password", "user", scope);
        requireTogether(jolokia, "keystore_password", "keystore", scope);
        if (config.enabled() && !isLoopback(config.host()) && config.user() == null) {
            throw ConfigException.at(markOf(jolokia, "host"), scope.child("host").problem("'" + config.host()
                    + "' is not a loopback address: set user and password to allow remote connections"));
        }
        return config;
    }

    private static AuthConfig auth(MapNode auth, Scope scope) throws ConfigException {
        Map<String, String> users = new LinkedHashMap<>();
        Optional<Node> value = auth.value("users");
        if (value.isPresent()) {
            Scope usersScope = scope.child("users");
            for (MapNode.Entry entry : NodeValues.map(value.get(), usersScope).entries()) {
                Scope user = usersScope.child(entry.key());
                if (!AuthConfig.USER.matcher(entry.key()).matches()) {
                    throw ConfigException.at(entry.keyMark(), user.problem(
                            "a user name is 1 to 64 letters, digits, '.', '_', '@' or '-'"));
                }
                String hash = NodeValues.nonBlank(entry.value(), user).strip();
                if (!AuthConfig.HASH.matcher(hash).matches()) {
                    throw ConfigException.at(entry.value().mark(), user.problem(
                            "write the password's hash as sha256:HEX (printf %s 'PASSWORD' | sha256sum), not the password"));
                }
                users.put(entry.key(), hash);
            }
        }
        return new AuthConfig(users, string(auth, "file", scope, null));
    }

    private static List<String> strings(MapNode map, String key, Scope scope) throws ConfigException {
        Optional<Node> value = map.value(key);
        return value.isPresent() ? NodeValues.strings(value.get(), scope.child(key)) : List.of();
    }

    private static LogConfig log(MapNode log, Scope scope) throws ConfigException {
        LogConfig.Format format = LogConfig.DEFAULT.format();
        Optional<Node> value = log.value("format");
        if (value.isPresent()) {
            String text = NodeValues.string(value.get(), scope.child("format"));
            try {
                format = LogConfig.Format.valueOf(text.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw ConfigException.at(value.get().mark(), scope.child("format").problem(
                        "unknown log format '" + text + "' (use text or json)"));
            }
        }
        return new LogConfig(format, bool(log, "timestamps", scope, LogConfig.DEFAULT.timestamps()));
    }

    private static PluginsConfig plugins(MapNode plugins, Scope scope) throws ConfigException {
        Optional<Node> disabled = plugins.value("disabled");
        return new PluginsConfig(
                string(plugins, "dir", scope, PluginsConfig.DEFAULT.dir()),
                disabled.isPresent() ? NodeValues.strings(disabled.get(), scope.child("disabled")) : List.of());
    }

    private static Duration positive(MapNode map, String key, Scope scope, Duration fallback) throws ConfigException {
        Duration value = duration(map, key, scope, fallback);
        if (value.isZero()) {
            throw ConfigException.at(markOf(map, key), scope.child(key).problem("must be greater than 0s"));
        }
        return value;
    }

    private static Duration duration(MapNode map, String key, Scope scope, Duration fallback) throws ConfigException {
        Optional<Node> value = map.value(key);
        return value.isPresent() ? NodeValues.duration(value.get(), scope.child(key)) : fallback;
    }

    private static int port(MapNode map, Scope scope, int fallback) throws ConfigException {
        Optional<Node> value = map.value("port");
        return value.isPresent() ? NodeValues.integer(value.get(), scope.child("port"), 0, MAX_PORT) : fallback;
    }

    private static boolean bool(MapNode map, String key, Scope scope, boolean fallback) throws ConfigException {
        Optional<Node> value = map.value(key);
        return value.isPresent() ? NodeValues.bool(value.get(), scope.child(key)) : fallback;
    }

    private static String string(MapNode map, String key, Scope scope, String fallback) throws ConfigException {
        Optional<Node> value = map.value(key);
        return value.isPresent() ? NodeValues.nonBlank(value.get(), scope.child(key)) : fallback;
    }

    private static void requireTogether(MapNode map, String present, String needed, Scope scope) throws ConfigException {
        if (map.value(present).isPresent() && map.value(needed).isEmpty()) {
            throw ConfigException.at(map.entry(present).orElseThrow().keyMark(),
                    scope.child(present).problem("needs " + scope.child(needed).describe() + " as well"));
        }
    }

    private static Mark markOf(MapNode map, String key) {
        return map.entry(key).map(e -> e.value().mark()).orElse(map.mark());
    }

    /** Loopback by its spelling only: the daemon must not wait on name resolution to read its configuration. */
    static boolean isLoopback(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127(\\.\\d{1,3}){3}");
    }
}
