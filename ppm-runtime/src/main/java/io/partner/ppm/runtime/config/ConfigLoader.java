package io.partner.ppm.runtime.config;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.ConfigContribution;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks a PPM configuration: YAML with {@code ${VAR}} expansion, the {@code defaults:}
 * section applied, every key known (to the core or a loaded plugin), every value checked, services
 * cross-checked ({@code depends_on}, {@code exit_with}). The first mistake found is thrown as a
 * {@link ConfigException} naming its file, line and column.
 *
 * <p>Stateless apart from its environment and extensions; safe to use from several threads.
 */
public final class ConfigLoader {

    /** The source name used in messages about a definition given to {@link #parseService}. */
    public static final String SERVICE_SOURCE = "service definition";

    private static final String DAEMON = "daemon";
    private static final String DEFAULTS = "defaults";
    private static final String SERVICES = "services";
    private static final List<String> CORE_SECTIONS = List.of(DAEMON, DEFAULTS, SERVICES);
    private static final Scope DEFAULTS_SCOPE = new Scope("", DEFAULTS);

    private final Interpolator interpolator;
    private final ConfigExtensions extensions;
    private final List<String> topKeys;

    /**
     * @param environment the variables {@code ${VAR}} is expanded from (normally {@code System.getenv()})
     * @param extensions what the loaded plugins add: service keys, sections, restart policies
     */
    public ConfigLoader(Map<String, String> environment, ConfigExtensions extensions) {
        this.interpolator = new Interpolator(environment);
        this.extensions = extensions;
        List<String> keys = new ArrayList<>(CORE_SECTIONS);
        Set<String> sections = new TreeSet<>();
        for (ConfigContribution contribution : extensions.contributions()) {
            sections.addAll(contribution.sections());
        }
        sections.removeAll(keys);
        keys.addAll(sections);
        this.topKeys = List.copyOf(keys);
    }

    /** Reads, expands and checks a configuration file. An empty file is valid: no services. */
    public DaemonConfig load(Path file) throws ConfigException {
        return parse(readFile(file), file.toString(), file);
    }

    /**
     * Reads a configuration from text, as {@link #load(Path)} does from a file.
     *
     * @param sourceName names the text in messages; relative paths resolve against the working directory
     */
    public DaemonConfig loadText(String yaml, String sourceName) throws ConfigException {
        return parse(yaml, sourceName, null);
    }

    /**
     * Reads ONE service definition, a mapping written as in the {@code services:} list (YAML or JSON),
     * with {@code context}'s defaults applied, checked like the file: name, keys, values, plugin keys,
     * {@code depends_on} naming services of {@code context}, {@code env_file} readable. Whether the name
     * is already taken is for the caller to decide. Messages name {@link #SERVICE_SOURCE}.
     */
    public ServiceSpec parseService(String definition, DaemonConfig context) throws ConfigException {
        Optional<Node> root = YamlTreeReader.read(definition, SERVICE_SOURCE, YamlLimits.MAX_SERVICE_CHARS);
        if (root.isEmpty() || isNull(root.get())) {
            throw new ConfigException(SERVICE_SOURCE, "empty service definition");
        }
        MapNode own = NodeValues.map(interpolator.expand(root.get()), new Scope("the service definition", ""));
        ServiceReader reader = new ServiceReader(extensions, baseDir(context.source()));
        MapNode defaults = (MapNode) NodeValues.fromPlain(context.defaults(), new Mark(DEFAULTS, 0, 0));
        reader.checkDefaults(defaults, DEFAULTS_SCOPE);
        ParsedService parsed = reader.read(own, DefaultsMerger.merge(defaults, own));

        List<ParsedService> all = new ArrayList<>();
        for (ServiceSpec existing : context.services()) {
            if (!existing.name().equals(parsed.name())) {
                all.add(ParsedService.known(existing));
            }
        }
        all.add(parsed);
        DependencyGraph.checkReferences(parsed, all.stream().map(ParsedService::name).toList());
        DependencyGraph.checkCycles(all, parsed.mark());
        return parsed.spec();
    }

    private DaemonConfig parse(String text, String source, Path file) throws ConfigException {
        Optional<Node> root = YamlTreeReader.read(text, source);
        if (root.isEmpty() || isNull(root.get())) {
            return DaemonConfig.empty().withSource(file);
        }
        MapNode top = NodeValues.map(interpolator.expand(root.get()), Scope.TOP);
        NodeValues.checkKeys(top, topKeys, Scope.TOP);

        ServiceReader reader = new ServiceReader(extensions, baseDir(file));
        MapNode defaults = top.value(DEFAULTS).isPresent()
                ? NodeValues.map(top.value(DEFAULTS).get(), DEFAULTS_SCOPE)
                : new MapNode(List.of(), top.mark());
        reader.checkDefaults(defaults, DEFAULTS_SCOPE);
        Optional<Node> daemonNode = top.value(DAEMON);
        DaemonSettings daemon = daemonNode.isPresent()
                ? DaemonSectionReader.read(daemonNode.get(), new Scope("", DAEMON))
                : DaemonSettings.DEFAULT;
        List<ParsedService> services = readServices(top, defaults, reader);
        Map<String, Object> sections = readSections(top);
        checkAcrossServices(services, daemon, new Mark(source, 0, 0));

        return new DaemonConfig(file, daemon.jmx(), daemon.jolokia(), daemon.log(), daemon.statsInterval(),
                daemon.plugins(), daemon.shutdownTimeout(), daemon.exitWith(), plainWithoutNulls(defaults),
                services.stream().map(ParsedService::spec).toList(), sections, daemon.auth());
    }

    private static List<ParsedService> readServices(MapNode top, MapNode defaults, ServiceReader reader)
            throws ConfigException {
        Optional<Node> node = top.value(SERVICES);
        if (node.isEmpty()) {
            return List.of();
        }
        Scope scope = new Scope("", SERVICES);
        Map<String, ParsedService> byName = new LinkedHashMap<>();
        for (Node item : NodeValues.list(node.get(), scope).items()) {
            MapNode own = NodeValues.map(item, scope);
            ParsedService parsed = reader.read(own, DefaultsMerger.merge(defaults, own));
            ParsedService first = byName.putIfAbsent(parsed.name(), parsed);
            if (first != null) {
                throw ConfigException.at(parsed.nameMark(), "duplicate service name '" + parsed.name()
                        + "' (first defined at line " + first.nameMark().line() + ")");
            }
        }
        return List.copyOf(byName.values());
    }

    private Map<String, Object> readSections(MapNode top) throws ConfigException {
        Map<String, Object> sections = new LinkedHashMap<>();
        for (MapNode.Entry entry : top.entries()) {
            if (CORE_SECTIONS.contains(entry.key()) || isNull(entry.value())) {
                continue;
            }
            Object value = NodeValues.plain(entry.value());
            for (ConfigContribution contribution : extensions.contributions()) {
                if (contribution.sections().contains(entry.key())) {
                    try {
                        contribution.validateSection(entry.key(), value);
                    } catch (RuntimeException e) {
                        throw ConfigException.at(entry.keyMark(), entry.key() + ": " + e.getMessage());
                    }
                }
            }
            sections.put(entry.key(), value);
        }
        return sections;
    }

    private static void checkAcrossServices(List<ParsedService> services, DaemonSettings daemon, Mark fallback)
            throws ConfigException {
        List<String> names = services.stream().map(ParsedService::name).toList();
        for (ParsedService service : services) {
            DependencyGraph.checkReferences(service, names);
        }
        DependencyGraph.checkCycles(services, fallback);
        if (daemon.exitWith() != null && !names.contains(daemon.exitWith())) {
            throw ConfigException.at(daemon.exitWithMark(), "daemon.exit_with: no service named '" + daemon.exitWith()
                    + "'" + NearMiss.suggestion(daemon.exitWith(), names));
        }
    }

    /** The file's text: a regular file of at most {@link YamlLimits#MAX_FILE_BYTES}, checked before it is read. */
    static String readFile(Path file) throws ConfigException {
        try {
            String text = TextFiles.read(file, YamlLimits.MAX_FILE_BYTES);
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (IOException e) {
            throw ConfigException.file(file, IoMessages.describe(e), e);
        }
    }

    private static Map<String, Object> plainWithoutNulls(MapNode map) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (MapNode.Entry entry : map.entries()) {
            if (!isNull(entry.value())) {
                values.put(entry.key(), NodeValues.plain(entry.value()));
            }
        }
        return values;
    }

    /** Relative paths in services resolve against the configuration file's directory, else the working directory. */
    private static Path baseDir(Path file) {
        Path cwd = Path.of("").toAbsolutePath();
        if (file == null) {
            return cwd;
        }
        Path parent = cwd.resolve(file).normalize().getParent();
        return parent != null ? parent : cwd;
    }

    private static boolean isNull(Node node) {
        return node instanceof ScalarNode scalar && scalar.isNull();
    }
}
