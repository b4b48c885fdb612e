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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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
 * <p>No daemon thread runs plugin code without a deadline ({@link PluginDeadlines}): each plugin's code
 * runs on threads of its own ({@link PluginCalls}). A plugin that overruns a deadline, or throws
 * anything (an {@link Error} included) from its start, stop, a listener, a restart decision or a
 * configuration call, is FAILED with the reason, withdrawn, and its threads left to die; the daemon
 * carries on with the others.
 *
 * <p>Thread-safe. Loading and unloading are serialised on the host; {@link #plugins()},
 * {@link #configExtensions()}, {@link #eventListeners()} and {@link #restartPolicy(String)} never wait
 * for them, so neither the supervisor loop nor a management request is held up by a plugin being loaded.
 */
public final class PluginHost implements AutoCloseable {

    static final System.Logger LOG = System.getLogger(PluginHost.class.getName());

    /** How the error of a plugin that failed after it had started begins. */
    static final String FAILED_WHILE_RUNNING = "failed while running: ";
    /** What closing may take beyond its budget for the host's own work (no plugin code runs then). */
    private static final Duration CLOSE_GRACE = Duration.ofMillis(50);

    private final PluginFolder folder;
    private final PpmPluginManager manager;
    private final JarLoader loader;
    private final PluginDeadlines deadlines;
    /** Withdraws plugins that failed while running, off the thread that found the failure. */
    private final ExecutorService housekeeping = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ppm-plugin-host").daemon().factory());
    private final Map<Path, LoadedPlugin> plugins = new LinkedHashMap<>();
    private final List<ServiceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final List<Runnable> changeListeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, RestartPolicy> policies = Map.of();
    private volatile List<PluginInfo> published = List.of();
    private volatile ConfigExtensions publishedExtensions = ConfigExtensions.NONE;
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
        this(pluginsDir, disabledIds, PluginDeadlines.DEFAULT);
    }

    PluginHost(Path pluginsDir, List<String> disabledIds, PluginDeadlines deadlines) {
        Path dir = pluginsDir.toAbsolutePath().normalize();
        this.folder = new PluginFolder(dir);
        this.manager = new PpmPluginManager(dir, new HashSet<>(disabledIds));
        this.deadlines = deadlines;
        this.loader = new JarLoader(manager, deadlines);
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

    /**
     * What the plugins add to the configuration language: their keys and sections, and their restart
     * policy names. Never waits for a plugin being loaded.
     */
    public ConfigExtensions configExtensions() {
        return publishedExtensions;
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
        publish();
    }

    /** Every jar of the folder as {@code ppm plugins} shows it, sorted by id. Never waits for a plugin being loaded. */
    public List<PluginInfo> plugins() {
        return published;
    }

    /** Runs {@code listener} after every change of {@link #plugins()}; close the handle to stop. */
    public AutoCloseable onChange(Runnable listener) {
        changeListeners.add(listener);
        return () -> changeListeners.remove(listener);
    }

    /** Stops watching, stops every daemon extension and unloads every plugin, each within its stop deadline. */
    @Override
    public void close() {
        close(deadlines.lifecycle().multipliedBy(Math.max(1, plugins().size())));
    }

    /**
     * As {@link #close()}, within {@code budget} for all plugins together, a plugin being loaded at
     * this moment included: a plugin whose turn comes after the budget is spent is unloaded without
     * being asked to stop, and what is still running when it is over is left behind (daemon threads).
     */
    public void close(Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        // On a thread of its own: the host may be busy loading a plugin that hangs, and the caller
        // (the shutdown) must not wait for it past its budget.
        Thread closing = Thread.ofPlatform().name("ppm-plugin-close").daemon().start(() -> closeBy(deadline));
        try {
            if (!closing.join(budget.plus(CLOSE_GRACE))) {
                LOG.log(Level.DEBUG, "plugins still stopping after " + PluginCalls.format(budget) + ": left behind");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void closeBy(long deadline) {
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
            uninstall(jar, deadline);
        }
        housekeeping.shutdown();
    }

    private void rescanSafely() {
        try {
            rescan();
        } catch (RuntimeException | Error e) {
            // The watch must outlive any single bad look at the folder (a permission error, a race).
            LOG.log(Level.WARNING, "looking at the plugin folder failed: " + JarLoader.describe(e));
        }
    }

    private void install(Path jar, JarStamp stamp) {
        LoadedPlugin plugin = loader.load(jar, stamp);
        if (plugin.started()) {
            PluginCalls calls = plugin.calls();
            calls.onFailure(reason -> failedLater(jar, calls, reason));
            configure(plugin);
            if (daemon != null && calls.failure() == null) {
                plugin = startDaemonExtensions(plugin);
            }
            if (plugin.started() && calls.failure() != null) {
                plugin = abandon(plugin, calls.failure());
            }
            if (plugin.started()) {
                listeners.addAll(plugin.extensions().listeners());
                rebuildPolicies(plugin, null);
            }
            LOG.log(Level.DEBUG, "plugin " + plugin.id() + " " + plugin.version() + " " + plugin.state().toLowerCase(Locale.ROOT)
                    + " with " + plugin.extensions().classNames().size() + " extension(s)");
        }
        plugins.put(jar, plugin);
        publish();
    }

    private void uninstall(Path jar) {
        uninstall(jar, System.nanoTime() + deadlines.lifecycle().toNanos());
    }

    /** Stops and unloads the jar's plugin, giving its code time until {@code deadline} (System.nanoTime). */
    private void uninstall(Path jar, long deadline) {
        LoadedPlugin plugin = plugins.remove(jar);
        if (plugin == null) {
            return;
        }
        if (plugin.started()) {
            detach(plugin);
            stopDaemonExtensions(plugin, deadline);
        }
        loader.unload(plugin, left(deadline));
        publish();
    }

    private static Duration left(long deadline) {
        return Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
    }

    private void failedLater(Path jar, PluginCalls calls, String reason) {
        try {
            housekeeping.execute(() -> withdraw(jar, calls, reason));
        } catch (RejectedExecutionException closing) {
            // The host is closing: every plugin is being unloaded anyway.
        }
    }

    /**
     * A plugin found failing while it ran (an overrun, an exception from a listener or a decision): its
     * extensions are withdrawn and it is listed as FAILED with the reason. Runs on the housekeeping thread.
     */
    private synchronized void withdraw(Path jar, PluginCalls calls, String reason) {
        LoadedPlugin plugin = plugins.get(jar);
        if (closed || plugin == null || plugin.calls() != calls || !plugin.started()) {
            return; // unloaded or replaced meanwhile, or failed while loading (already listed)
        }
        plugins.put(jar, abandon(plugin, reason));
        publish();
    }

    /** Withdraws a failed plugin without calling any more of its code and unloads it from PF4J. */
    private LoadedPlugin abandon(LoadedPlugin plugin, String reason) {
        detach(plugin);
        if (plugin.context() != null) {
            plugin.context().close();
        }
        loader.forget(plugin.id());
        plugin.calls().close();
        LOG.log(Level.DEBUG, "plugin " + plugin.id() + " given up on: " + reason);
        return plugin.failedWith(FAILED_WHILE_RUNNING + reason);
    }

    private LoadedPlugin startDaemonExtensions(LoadedPlugin plugin) {
        PluginCalls calls = plugin.calls();
        PluginContext context = new PluginContext(plugin.id(), daemon, calls);
        LoadedPlugin running = plugin.withContext(context);
        List<DaemonExtension> started = new ArrayList<>();
        for (DaemonExtension extension : plugin.extensions().daemonExtensions()) {
            try {
                calls.call("daemon extension " + extension.getClass().getName() + " start()", deadlines.lifecycle(), () -> {
                    extension.start(context);
                    return null;
                });
                started.add(extension);
            } catch (PluginCalls.PluginFault fault) {
                String error = fault.getCause() == null ? fault.getMessage()
                        : "daemon extension " + extension.getClass().getName() + " failed to start: " + JarLoader.describe(fault.getCause());
                LOG.log(Level.DEBUG, "plugin " + plugin.id() + ": " + error);
                long deadline = System.nanoTime() + deadlines.lifecycle().toNanos();
                stopAll(plugin.id(), calls, started, deadline);
                context.close();
                detach(plugin);
                loader.unload(plugin, left(deadline));
                return plugin.failedWith(error);
            }
        }
        return running;
    }

    private void stopDaemonExtensions(LoadedPlugin plugin, long deadline) {
        if (plugin.context() == null) {
            return;
        }
        List<DaemonExtension> extensions = new ArrayList<>(plugin.extensions().daemonExtensions());
        Collections.reverse(extensions);
        stopAll(plugin.id(), plugin.calls(), extensions, deadline);
        plugin.context().close();
    }

    private static void stopAll(String pluginId, PluginCalls calls, List<DaemonExtension> extensions, long deadline) {
        for (DaemonExtension extension : extensions) {
            Duration left = left(deadline);
            String what = "daemon extension " + extension.getClass().getName() + " stop()";
            if (left.isZero()) {
                calls.fail(what + " not called: no time left to stop plugins");
                return;
            }
            try {
                calls.call(what, left, () -> {
                    extension.stop();
                    return null;
                });
            } catch (PluginCalls.PluginFault fault) {
                LOG.log(Level.WARNING, "plugin " + pluginId + ": " + fault.getMessage());
                if (fault.pluginGone()) {
                    return;
                }
            }
        }
    }

    private void detach(LoadedPlugin plugin) {
        Set<ServiceEventListener> own = Collections.newSetFromMap(new IdentityHashMap<>());
        own.addAll(plugin.extensions().listeners());
        listeners.removeIf(own::contains);
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
            // Any failure fails the plugin (see GuardedContribution): nothing to catch here.
            contribution.configure(own);
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
            for (GuardedRestartPolicy policy : plugin.extensions().restartPolicies()) {
                String name = policy.name();
                if (!table.containsKey(name)) {
                    table.put(name, policy);
                } else if (plugin == adding) {
                    LOG.log(Level.WARNING, "plugin " + plugin.id() + ": restart policy '" + name
                            + "' is already provided by another plugin; the one loaded first is used");
                }
            }
        }
        policies = Map.copyOf(table);
    }

    /** Publishes the plugin list and the configuration extensions for readers, then tells the change listeners. */
    private void publish() {
        published = plugins.values().stream()
                .map(LoadedPlugin::info)
                .sorted(Comparator.comparing(PluginInfo::id).thenComparing(PluginInfo::path))
                .toList();
        List<ConfigContribution> contributions = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.values()) {
            contributions.addAll(plugin.extensions().contributions());
        }
        publishedExtensions = new ConfigExtensions(contributions, policies.keySet());
        for (Runnable listener : changeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a plugin change listener failed: " + e);
            }
        }
    }
}
