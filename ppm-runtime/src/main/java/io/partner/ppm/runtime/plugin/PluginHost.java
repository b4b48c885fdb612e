package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.DaemonExtension;
import io.partner.ppm.api.spi.RestartPolicy;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import io.partner.ppm.runtime.config.ConfigExtensions;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The plugins of the daemon: every jar of the plugin folder, loaded with PF4J, and what their
 * extensions add to the daemon (configuration keys, restart policies, event listeners, daemon
 * extensions).
 *
 * <p>A jar that cannot be loaded (corrupt, no descriptor, a class missing, an exception while
 * starting) is listed as FAILED with its error; the host carries on with the others. Plugin ids in
 * the disabled list are listed as DISABLED and contribute nothing. Loads, failures and unloads are
 * logged at debug level only: the daemon reports each change of {@link #plugins()} in its own output
 * ({@link PluginChangeReport} through {@link #onChange}), in its own format.
 *
 * <p>With {@link #watch} running, a jar copied into the folder is loaded once its size and time have
 * stayed the same for one period (so a half-copied jar is not mistaken for a corrupt one), a removed jar
 * is unloaded, and a replaced jar is reloaded. Configuration keys of a plugin loaded later take effect
 * at the next configuration load (a reload); its restart policies, listeners and daemon extensions at once.
 *
 * <p>Thread-safe. Loading and unloading are serialised on the host; {@link #eventListeners()} and
 * {@link #restartPolicy(String)} never wait for them, so the supervisor loop is not held up by a
 * plugin being loaded.
 */
public final class PluginHost implements AutoCloseable {

    static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    private final PluginFolder folder;
    private final PpmPluginManager manager;
    private final JarLoader loader;
    private final Map<Path, LoadedPlugin> plugins = new LinkedHashMap<>();
    private final List<ServiceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, RestartPolicy> policies = Map.of();
    private Map<Path, JarStamp> lastLook = Map.of();
    private SupervisorContext daemon;
    private Map<String, Object> sections;
    private FolderWatch watch;
    private boolean closed;

    /**
     * @param pluginsDir the plugin folder; it need not exist (then there are no plugins until it does)
     * @param disabledIds plugin ids that are not started
     */
    public PluginHost(Path pluginsDir, List<String> disabledIds) {
        Path dir = pluginsDir.toAbsolutePath().normalize();
        this.folder = new PluginFolder(dir);
        this.manager = new PpmPluginManager(dir, new HashSet<>(disabledIds));
        this.loader = new JarLoader(manager);
    }

    /** The plugin folder, absolute. */
    public Path pluginsDir() {
        return folder.dir();
    }

    /** Loads and starts every jar of the folder not loaded yet. */
    public synchronized void loadAll() {
        Map<Path, JarStamp> jars = folder.jars();
        jars.forEach((jar, stamp) -> {
            if (!plugins.containsKey(jar)) {
                install(jar, stamp);
            }
        });
        lastLook = jars;
    }

    /**
     * Follows the folder from now on: after each change (reported by the kernel; where it cannot be, on
     * every {@code period}) looks at it on {@code timer}, loads new jars once complete, unloads removed
     * ones and reloads replaced ones. Stops with {@link #close()}.
     */
    public synchronized void watch(ScheduledExecutorService timer, Duration period) {
        if (watch != null) {
            watch.close();
        }
        watch = new FolderWatch(folder.dir(), timer, period, this::rescanSafely);
        watch.start();
    }

    /** One look at the folder; see {@link #watch}. */
    public synchronized void rescan() {
        if (closed) {
            return;
        }
        Map<Path, JarStamp> jars = folder.jars();
        for (Path known : List.copyOf(plugins.keySet())) {
            if (!jars.containsKey(known)) {
                LOG.log(Level.DEBUG, "plugin jar removed: " + known);
                uninstall(known);
            }
        }
        jars.forEach((jar, stamp) -> {
            LoadedPlugin known = plugins.get(jar);
            boolean current = known != null && known.stamp().equals(stamp);
            boolean settled = stamp.equals(lastLook.get(jar));
            if (!current && settled) {
                if (known != null) {
                    LOG.log(Level.DEBUG, "plugin jar replaced: " + jar);
                    uninstall(jar);
                }
                install(jar, stamp);
            }
        });
        lastLook = jars;
    }

    /** What the plugins add to the configuration language: their keys and sections, and their restart policy names. */
    public synchronized ConfigExtensions configExtensions() {
        List<ConfigContribution> contributions = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.values()) {
            contributions.addAll(plugin.extensions().contributions());
        }
        return new ConfigExtensions(contributions, policies.keySet());
    }

    /**
     * Hands the plugin-owned top-level sections of a successfully loaded configuration to every
     * {@link ConfigContribution#configure}, and remembers them for plugins loaded later.
     */
    public synchronized void configure(Map<String, Object> pluginSections) {
        this.sections = Map.copyOf(pluginSections);
        for (LoadedPlugin plugin : plugins.values()) {
            configure(plugin);
        }
    }

    /** The restart policy of that name from a loaded plugin. A policy that throws falls back to on-failure. */
    public Optional<RestartPolicy> restartPolicy(String name) {
        return Optional.ofNullable(policies.get(name));
    }

    /**
     * The event listeners of the loaded plugins: a live, read-only view that follows plugins being
     * loaded and unloaded (iterating it is safe at any time). A listener that throws is logged, never
     * propagated.
     */
    public List<ServiceEventListener> eventListeners() {
        return Collections.unmodifiableList(listeners);
    }

    /**
     * Starts every {@link DaemonExtension} with the daemon's context; plugins loaded afterwards have
     * theirs started as they load. A daemon extension that throws on start fails its plugin.
     */
    public synchronized void startExtensions(SupervisorContext context) {
        this.daemon = context;
        for (Path jar : List.copyOf(plugins.keySet())) {
            LoadedPlugin plugin = plugins.get(jar);
            if (plugin.started() && plugin.context() == null) {
                plugins.put(jar, startDaemonExtensions(plugin));
            }
        }
        fireChanged();
    }

    /** Every jar of the folder as {@code ppm plugins} shows it, sorted by id. */
    public synchronized List<PluginInfo> plugins() {
        return plugins.values().stream()
                .map(LoadedPlugin::info)
                .sorted(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::path))
                .toList();
    }

    /** Runs {@code listener} after every change of {@link #plugins()}; close the handle to stop. */
    public AutoCloseable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /** Stops watching, stops every daemon extension and unloads every plugin. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (watch != null) {
            watch.close();
        }
        List<Path> jars = new ArrayList<>(plugins.keySet());
        Collections.reverse(jars);
        for (Path jar : jars) {
            uninstall(jar);
        }
    }

    private void rescanSafely() {
        try {
            rescan();
        } catch (RuntimeException | LinkageError e) {
            // The watch must outlive any single bad look at the folder (a permission error, a race).
            LOG.log(Level.WARNING, "looking at the plugin folder failed: " + JarLoader.describe(e));
        }
    }

    private void install(Path jar, JarStamp stamp) {
        LoadedPlugin plugin = loader.load(jar, stamp);
        if (plugin.started()) {
            configure(plugin);
            for (ServiceEventListener listener : plugin.extensions().listeners()) {
                listeners.add(new GuardedListener(plugin.id(), listener));
            }
            rebuildPolicies(plugin, null);
            if (daemon != null) {
                plugin = startDaemonExtensions(plugin);
            }
            LOG.log(Level.DEBUG, "plugin " + plugin.id() + " " + plugin.version() + " " + plugin.state().toLowerCase(Locale.ROOT)
                    + " with " + plugin.extensions().classNames().size() + " extension(s)");
        }
        plugins.put(jar, plugin);
        fireChanged();
    }

    private void uninstall(Path jar) {
        LoadedPlugin plugin = plugins.remove(jar);
        if (plugin == null) {
            return;
        }
        if (plugin.started()) {
            stopDaemonExtensions(plugin);
            detach(plugin);
        }
        loader.unload(plugin);
        fireChanged();
    }

    private LoadedPlugin startDaemonExtensions(LoadedPlugin plugin) {
        PluginContext context = new PluginContext(plugin.id(), daemon);
        LoadedPlugin running = plugin.withContext(context);
        List<DaemonExtension> started = new ArrayList<>();
        for (DaemonExtension extension : plugin.extensions().daemonExtensions()) {
            try {
                extension.start(context);
                started.add(extension);
            } catch (RuntimeException | LinkageError e) {
                String error = "daemon extension " + extension.getClass().getName() + " failed to start: " + JarLoader.describe(e);
                LOG.log(Level.DEBUG, "plugin " + plugin.id() + ": " + error);
                stopAll(plugin.id(), started);
                context.close();
                detach(plugin);
                loader.unload(plugin);
                return new LoadedPlugin(plugin.path(), plugin.stamp(), plugin.id(), plugin.version(),
                        LoadedPlugin.FAILED, error, PluginExtensions.NONE, null);
            }
        }
        return running;
    }

    private void stopDaemonExtensions(LoadedPlugin plugin) {
        if (plugin.context() == null) {
            return;
        }
        List<DaemonExtension> extensions = new ArrayList<>(plugin.extensions().daemonExtensions());
        Collections.reverse(extensions);
        stopAll(plugin.id(), extensions);
        plugin.context().close();
    }

    private static void stopAll(String pluginId, List<DaemonExtension> extensions) {
        for (DaemonExtension extension : extensions) {
            try {
                extension.stop();
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "plugin " + pluginId + ": daemon extension " + extension.getClass().getName()
                        + " failed to stop: " + JarLoader.describe(e));
            }
        }
    }

    private void detach(LoadedPlugin plugin) {
        Set<ServiceEventListener> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(plugin.extensions().listeners());
        listeners.removeIf(l -> l instanceof GuardedListener g && own.contains(g.delegate()));
        rebuildPolicies(null, plugin.path());
    }

    private void configure(LoadedPlugin plugin) {
        if (sections == null) {
            return;
        }
        for (ConfigContribution contribution : plugin.extensions().contributions()) {
            Map<String, Object> own = new LinkedHashMap<>();
            for (String section : contribution.sections()) {
                if (sections.containsKey(section)) {
                    own.put(section, sections.get(section));
                }
            }
            try {
                contribution.configure(own);
            } catch (RuntimeException | LinkageError e) {
                LOG.log(Level.WARNING, "plugin " + plugin.id() + ": applying its configuration failed: " + JarLoader.describe(e));
            }
        }
    }

    /** Recomputes the policy table from the started plugins, with {@code adding} and without the jar {@code leaving}. */
    private void rebuildPolicies(LoadedPlugin adding, Path leaving) {
        List<LoadedPlugin> sources = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.values()) {
            if (plugin.started() && !plugin.path().equals(leaving)) {
                sources.add(plugin);
            }
        }
        if (adding != null) {
            sources.add(adding);
        }
        Map<String, RestartPolicy> table = new LinkedHashMap<>();
        for (LoadedPlugin plugin : sources) {
            for (RestartPolicy policy : plugin.extensions().restartPolicies()) {
                String name = policy.name();
                if (!table.containsKey(name)) {
                    table.put(name, new GuardedRestartPolicy(plugin.id(), policy));
                } else if (plugin == adding) {
                    LOG.log(Level.WARNING, "plugin " + plugin.id() + ": restart policy '" + name
                            + "' is already provided by another plugin; the one loaded first is used");
                }
            }
        }
        policies = Map.copyOf(table);
    }

    private void fireChanged() {
        for (Runnable listener : changeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a plugin change listener failed: " + e);
            }
        }
    }
}
