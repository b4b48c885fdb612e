package io.partner.ppm.runtime.config;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.DependencyCondition;
import io.partner.ppm.api.KillMode;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.spi.ConfigContribution;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads one service definition (its {@code defaults:} already merged in) into a {@link ServiceSpec},
 * checking every key and value; also checks the {@code defaults:} section on its own. Keys owned by
 * plugins are validated by the plugin, and the finished spec passes through the plugins' adjust step.
 *
 * <p>Relative paths ({@code cwd}, {@code env_file}, {@code log.file}) are resolved against the base
 * directory: the configuration file's directory.
 */
final class ServiceReader {

    private static final int MAX_RESTARTS_LIMIT = Integer.MAX_VALUE;
    private static final int MAX_LOG_FILES = 1_000;
    private static final int MAX_EXIT_CODE = 255;

    private final List<ConfigContribution> contributions;
    private final Path baseDir;
    private final List<String> restartPolicies;
    private final List<String> extensionKeys;

    ServiceReader(ConfigExtensions extensions, Path baseDir) {
        this.contributions = extensions.contributions();
        this.baseDir = baseDir;
        List<String> policies = new ArrayList<>(List.of(ServiceSpec.ON_FAILURE, ServiceSpec.ALWAYS, ServiceSpec.NEVER));
        policies.addAll(new TreeSet<>(extensions.restartPolicies()));
        this.restartPolicies = List.copyOf(new LinkedHashSet<>(policies));
        Set<String> keys = new TreeSet<>();
        for (ConfigContribution contribution : contributions) {
            keys.addAll(contribution.serviceKeys());
        }
        ServiceKeys.ALL.forEach(keys::remove);
        this.extensionKeys = List.copyOf(keys);
    }

    /** Keys owned by plugins, sorted. */
    List<String> extensionKeys() {
        return extensionKeys;
    }

    /** Checks {@code defaults:}: every key known and every core value well-formed. */
    void checkDefaults(MapNode defaults, Scope scope) throws ConfigException {
        List<String> known = new ArrayList<>(ServiceKeys.ALL);
        known.removeAll(ServiceKeys.PER_SERVICE);
        known.addAll(extensionKeys);
        ServiceBuilder ignored = new ServiceBuilder("defaults");
        for (MapNode.Entry entry : defaults.entries()) {
            if (ServiceKeys.PER_SERVICE.contains(entry.key())) {
                throw ConfigException.at(entry.keyMark(), scope.child(entry.key()).problem(
                        "'" + entry.key() + "' belongs to each service and cannot have a default"));
            }
            if (!known.contains(entry.key())) {
                throw NodeValues.unknownKey(entry, known, scope);
            }
            if (ServiceKeys.ALL.contains(entry.key()) && !isNull(entry.value())) {
                readCoreKey(entry, scope.child(entry.key()), ignored);
            }
        }
    }

    /**
     * Reads a service.
     *
     * @param own the definition as written (to tell what the service itself says)
     * @param merged the definition with the defaults applied
     */
    ParsedService read(MapNode own, MapNode merged) throws ConfigException {
        Optional<Node> nameNode = merged.value(ServiceKeys.NAME);
        if (nameNode.isEmpty()) {
            throw ConfigException.at(own.mark(), "service without a name (every service needs 'name:')");
        }
        String name = NodeValues.string(nameNode.get(), new Scope("", ServiceKeys.NAME));
        if (!ServiceSpec.NAME.matcher(name).matches()) {
            throw ConfigException.at(nameNode.get().mark(), ServiceSpec.invalidName(name));
        }
        Scope scope = Scope.service(name);
        ServiceBuilder builder = new ServiceBuilder(name);
        for (MapNode.Entry entry : merged.entries()) {
            readKey(entry, scope, builder);
        }
        if (builder.command == null) {
            throw ConfigException.at(own.mark(), scope.problem("no command (add 'command:')"));
        }
        if (builder.logGiven && builder.logFile == null && own.value(ServiceKeys.LOG).isPresent()) {
            throw ConfigException.at(builder.logMark, scope.child(ServiceKeys.LOG).problem("'file' is missing"));
        }
        ServiceSpec spec = adjust(builder.build(), own.mark(), scope);
        return new ParsedService(spec, own.mark(), nameNode.get().mark(), builder.dependencyMarks);
    }

    private void readKey(MapNode.Entry entry, Scope scope, ServiceBuilder builder) throws ConfigException {
        String key = entry.key();
        if (key.equals(ServiceKeys.NAME) || isNull(entry.value())) {
            return;
        }
        if (ServiceKeys.ALL.contains(key)) {
            readCoreKey(entry, scope.child(key), builder);
        } else if (extensionKeys.contains(key)) {
            readExtensionKey(entry, scope, builder);
        } else {
            List<String> known = new ArrayList<>(ServiceKeys.ALL);
            known.addAll(extensionKeys);
            throw NodeValues.unknownKey(entry, known, scope);
        }
    }

    private void readCoreKey(MapNode.Entry entry, Scope scope, ServiceBuilder b) throws ConfigException {
        Node value = entry.value();
        switch (entry.key()) {
            case ServiceKeys.COMMAND -> command(value, scope, b);
            case ServiceKeys.CWD -> b.cwd = path(NodeValues.nonBlank(value, scope));
            case ServiceKeys.ENV -> env(value, scope, b);
            case ServiceKeys.ENV_FILE -> b.envFile = envFile(value, scope);
            case ServiceKeys.USER -> b.user = NodeValues.nonBlank(value, scope);
            case ServiceKeys.RESTART -> b.restart = restart(value, scope);
            case ServiceKeys.BACKOFF -> b.backoff = backoff(value, scope);
            case ServiceKeys.STOP_SIGNAL -> b.stopSignal = signal(value, scope);
            case ServiceKeys.STOP_TIMEOUT -> b.stopTimeout = NodeValues.duration(value, scope);
            case ServiceKeys.KILL_MODE -> b.killMode = killMode(value, scope);
            case ServiceKeys.SUCCESS_EXIT_CODES -> b.successExitCodes = exitCodes(value, scope);
            case ServiceKeys.DEPENDS_ON -> dependsOn(value, scope, b);
            case ServiceKeys.AUTOSTART -> b.autostart = NodeValues.bool(value, scope);
            case ServiceKeys.LOG -> log(value, scope, b);
            default -> throw new IllegalStateException("core key without a reader: " + entry.key());
        }
    }

    private void command(Node value, Scope scope, ServiceBuilder b) throws ConfigException {
        if (value instanceof ListNode list) {
            List<String> argv = NodeValues.strings(list, scope);
            if (argv.isEmpty() || argv.getFirst().isBlank()) {
                throw ConfigException.at(argv.isEmpty() ? list.mark() : list.items().getFirst().mark(),
                        scope.problem("empty command"));
            }
            b.command = argv;
            b.shell = false;
        } else if (value instanceof ScalarNode) {
            String line = NodeValues.string(value, scope);
            if (line.isBlank()) {
                throw ConfigException.at(value.mark(), scope.problem("empty command"));
            }
            b.command = List.of(line);
            b.shell = true;
        } else {
            throw NodeValues.wrongType(value, scope, "a list of arguments or a shell command line");
        }
    }

    private static void env(Node value, Scope scope, ServiceBuilder b) throws ConfigException {
        for (MapNode.Entry variable : NodeValues.map(value, scope).entries()) {
            Scope at = scope.child(variable.key());
            if (variable.key().isEmpty() || variable.key().contains("=") || variable.key().indexOf('\0') >= 0) {
                throw ConfigException.at(variable.keyMark(), scope.problem("invalid variable name '" + variable.key() + "'"));
            }
            if (isNull(variable.value())) {
                throw ConfigException.at(variable.keyMark(),
                        at.problem("has no value (write " + variable.key() + ": \"\" for an empty one)"));
            }
            b.env.put(variable.key(), NodeValues.string(variable.value(), at));
        }
    }

    private String envFile(Node value, Scope scope) throws ConfigException {
        String file = path(NodeValues.nonBlank(value, scope));
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw ConfigException.at(value.mark(), scope.problem(file + ": Is a directory"));
        }
        try {
            EnvFiles.read(path);
        } catch (UncheckedIOException e) {
            throw ConfigException.at(value.mark(), scope.problem(e.getMessage()));
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(value.mark(), scope.problem(e.getMessage()));
        }
        return file;
    }

    private String restart(Node value, Scope scope) throws ConfigException {
        String policy = NodeValues.nonBlank(value, scope);
        if (!restartPolicies.contains(policy)) {
            throw ConfigException.at(value.mark(), scope.problem("unknown restart policy '" + policy + "' (use "
                    + String.join(", ", restartPolicies) + ")" + NearMiss.suggestion(policy, restartPolicies)));
        }
        return policy;
    }

    private static BackoffSpec backoff(Node value, Scope scope) throws ConfigException {
        MapNode map = NodeValues.map(value, scope);
        NodeValues.checkKeys(map, ServiceKeys.BACKOFF_KEYS, scope);
        BackoffSpec d = BackoffSpec.DEFAULT;
        return new BackoffSpec(
                durationOr(map, "interval", scope, d.interval()),
                durationOr(map, "max", scope, d.max()),
                durationOr(map, "reset_after", scope, d.resetAfter()),
                intOr(map, "max_restarts", scope, 0, MAX_RESTARTS_LIMIT, d.maxRestarts()));
    }

    private static Signal signal(Node value, Scope scope) throws ConfigException {
        String text = NodeValues.string(value, scope);
        try {
            return Signal.parse(text);
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(value.mark(), scope.problem(e.getMessage()));
        }
    }

    private static KillMode killMode(Node value, Scope scope) throws ConfigException {
        try {
            return KillMode.parse(NodeValues.string(value, scope));
        } catch (IllegalArgumentException e) {
            throw ConfigException.at(value.mark(), scope.problem(e.getMessage()));
        }
    }

    private static Set<Integer> exitCodes(Node value, Scope scope) throws ConfigException {
        ListNode list = NodeValues.list(value, scope);
        if (list.items().isEmpty()) {
            throw ConfigException.at(list.mark(), scope.problem("needs at least one exit code, e.g. [0]"));
        }
        Set<Integer> codes = new LinkedHashSet<>();
        for (Node item : list.items()) {
            codes.add(NodeValues.integer(item, scope, 0, MAX_EXIT_CODE));
        }
        return codes;
    }

    private static void dependsOn(Node value, Scope scope, ServiceBuilder b) throws ConfigException {
        if (value instanceof ListNode list) {
            checkNoRepeats(list, scope);
        }
        Node normalized = DefaultsMerger.normalize(ServiceKeys.DEPENDS_ON, value);
        if (!(normalized instanceof MapNode map)) {
            throw NodeValues.wrongType(value, scope, "a mapping of service names to started, ready or completed");
        }
        b.dependsOn.clear();
        b.dependencyMarks.clear();
        for (MapNode.Entry dependency : map.entries()) {
            DependencyCondition condition = DependencyCondition.STARTED;
            if (!isNull(dependency.value())) {
                String text = NodeValues.string(dependency.value(), scope.child(dependency.key()));
                try {
                    condition = DependencyCondition.parse(text);
                } catch (IllegalArgumentException e) {
                    throw ConfigException.at(dependency.value().mark(), scope.child(dependency.key()).problem(e.getMessage()));
                }
            }
            b.dependsOn.put(dependency.key(), condition);
            b.dependencyMarks.put(dependency.key(), dependency.keyMark());
        }
    }

    private static void checkNoRepeats(ListNode list, Scope scope) throws ConfigException {
        Set<String> seen = new LinkedHashSet<>();
        for (Node item : list.items()) {
            if (item instanceof ScalarNode scalar && !scalar.isNull() && !seen.add(scalar.text())) {
                throw ConfigException.at(item.mark(), scope.problem("'" + scalar.text() + "' is listed twice"));
            }
        }
    }

    private void log(Node value, Scope scope, ServiceBuilder b) throws ConfigException {
        MapNode map = NodeValues.map(value, scope);
        NodeValues.checkKeys(map, ServiceKeys.LOG_KEYS, scope);
        b.logGiven = true;
        b.logMark = map.mark();
        Optional<Node> file = map.value("file");
        b.logFile = file.isPresent() ? path(NodeValues.nonBlank(file.get(), scope.child("file"))) : null;
        Optional<Node> maxSize = map.value("max_size");
        if (maxSize.isPresent()) {
            b.logMaxSize = NodeValues.size(maxSize.get(), scope.child("max_size"));
            if (b.logMaxSize <= 0) {
                throw ConfigException.at(maxSize.get().mark(), scope.child("max_size").problem("must be greater than 0"));
            }
        }
        b.logMaxFiles = intOr(map, "max_files", scope, 0, MAX_LOG_FILES, b.logMaxFiles);
    }

    private void readExtensionKey(MapNode.Entry entry, Scope scope, ServiceBuilder b) throws ConfigException {
        Object value = NodeValues.plain(entry.value());
        for (ConfigContribution contribution : contributions) {
            if (contribution.serviceKeys().contains(entry.key())) {
                try {
                    contribution.validateServiceKey(b.name, entry.key(), value);
                } catch (RuntimeException e) {
                    throw ConfigException.at(entry.keyMark(), scope.child(entry.key()).problem(String.valueOf(e.getMessage())));
                }
            }
        }
        b.extensions.put(entry.key(), value);
    }

    private ServiceSpec adjust(ServiceSpec spec, Mark mark, Scope scope) throws ConfigException {
        ServiceSpec adjusted = spec;
        for (ConfigContribution contribution : contributions) {
            if (contribution.serviceKeys().stream().anyMatch(spec.extensions()::containsKey)) {
                try {
                    adjusted = contribution.adjust(adjusted);
                } catch (RuntimeException e) {
                    throw ConfigException.at(mark, scope.problem(String.valueOf(e.getMessage())));
                }
            }
        }
        return adjusted;
    }

    private String path(String text) {
        return baseDir.resolve(text).normalize().toString();
    }

    private static Duration durationOr(MapNode map, String key, Scope scope, Duration fallback) throws ConfigException {
        Optional<Node> value = map.value(key);
        return value.isPresent() ? NodeValues.duration(value.get(), scope.child(key)) : fallback;
    }

    private static int intOr(MapNode map, String key, Scope scope, int min, int max, int fallback) throws ConfigException {
        Optional<Node> value = map.value(key);
        return value.isPresent() ? NodeValues.integer(value.get(), scope.child(key), min, max) : fallback;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.isNull();
    }
}
