package io.partner.ppm.runtime.plugin;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.jar.JarFile;
import org.pf4j.ManifestPluginDescriptorFinder;
import org.pf4j.PluginDescriptor;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;

/**
 * Loads one jar into PF4J and starts it, or explains why it cannot be; and unloads it again. Whatever
 * goes wrong with one jar ends as a FAILED {@link LoadedPlugin} and leaves PF4J as if the jar had never
 * been seen, so the next jar loads normally.
 *
 * <p>Before anything of the jar runs, its classes are read ({@link JarInspection}): a jar that could end
 * the daemon or start processes behind its back is refused. Everything that runs plugin code (class
 * initialisers, {@code Plugin.start()}, extension constructors, {@code Plugin.stop()}) runs on the
 * plugin's own thread with a deadline ({@link PluginCalls}).
 */
final class JarLoader {

    private final PpmPluginManager manager;
    private final PluginDeadlines deadlines;
    private final ManifestPluginDescriptorFinder descriptors = new ManifestPluginDescriptorFinder();

    JarLoader(PpmPluginManager manager, PluginDeadlines deadlines) {
        this.manager = manager;
        this.deadlines = deadlines;
    }

    LoadedPlugin load(Path jar, JarStamp stamp) {
        String unreadable = manifestProblem(jar);
        if (unreadable != null) {
            return failed(jar, stamp, fileId(jar), "", "not a plugin jar: " + unreadable);
        }
        PluginDescriptor descriptor;
        try {
            descriptor = descriptors.find(jar);
        } catch (RuntimeException | LinkageError e) {
            return failed(jar, stamp, fileId(jar), "", "not a plugin jar: " + describe(e));
        }
        String id = descriptor.getPluginId();
        String version = descriptor.getVersion() == null ? "" : descriptor.getVersion();
        if (id == null || id.isBlank()) {
            return failed(jar, stamp, fileId(jar), version, "not a plugin jar: no Plugin-Id in META-INF/MANIFEST.MF");
        }
        String refusal = JarInspection.refusal(jar);
        if (refusal != null) {
            return failed(jar, stamp, id, version, "refused: " + refusal);
        }
        PluginWrapper other = manager.getPlugin(id);
        if (other != null) {
            return failed(jar, stamp, id, version, "plugin id '" + id + "' is already loaded from " + other.getPluginPath());
        }
        PluginCalls calls = new PluginCalls(id, deadlines.call());
        try {
            return calls.call("loading and starting the plugin", deadlines.lifecycle(), () -> loadAndStart(jar, stamp, id, version, calls));
        } catch (PluginCalls.PluginFault fault) {
            if (fault.pluginGone()) {
                forget(id);
            } else {
                unloadOn(calls, id, deadlines.lifecycle());
            }
            calls.close();
            return failed(jar, stamp, id, version, fault.getCause() == null ? fault.getMessage() : describe(fault.getCause()));
        }
    }

    /** Runs on the plugin's thread. */
    private LoadedPlugin loadAndStart(Path jar, JarStamp stamp, String id, String version, PluginCalls calls) {
        manager.loadPlugin(jar);
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper.getPluginState() == PluginState.DISABLED) {
            calls.close();
            return new LoadedPlugin(jar, stamp, id, version, LoadedPlugin.DISABLED, null, PluginExtensions.NONE, null, null);
        }
        PluginState state = manager.startPlugin(id);
        if (state != PluginState.STARTED) {
            Throwable cause = wrapper.getFailedException();
            throw new IllegalStateException(cause == null ? "it did not start (state " + state + ")" : describe(cause), cause);
        }
        PluginExtensions extensions = PluginExtensions.of(id, manager.getExtensions(id), calls, deadlines);
        return new LoadedPlugin(jar, stamp, id, version, LoadedPlugin.STARTED, null, extensions, null, calls);
    }

    /** Stops the plugin (within {@code budget}) and closes its class loader. */
    void unload(LoadedPlugin plugin, Duration budget) {
        PluginWrapper wrapper = manager.getPlugin(plugin.id());
        if (wrapper == null || !wrapper.getPluginPath().equals(plugin.path())) {
            return;
        }
        PluginCalls calls = plugin.calls();
        if (calls == null) {
            discard(plugin.id());
        } else if (calls.failure() != null || budget.isZero() || budget.isNegative()) {
            forget(plugin.id());
        } else {
            unloadOn(calls, plugin.id(), budget);
        }
        if (calls != null) {
            calls.close();
        }
    }

    /** Unloads a plugin that cannot be called any more (it overran): PF4J drops it without calling its stop(). */
    void forget(String id) {
        PluginWrapper wrapper = manager.getPlugin(id);
        if (wrapper != null) {
            wrapper.setPluginState(PluginState.FAILED);
            discard(id);
        }
    }

    private void unloadOn(PluginCalls calls, String id, Duration budget) {
        try {
            calls.call("stopping the plugin", budget, () -> {
                discard(id);
                return null;
            });
        } catch (PluginCalls.PluginFault fault) {
            PluginHost.LOG.log(System.Logger.Level.WARNING, "plugin " + id + ": " + fault.getMessage());
            forget(id);
        }
    }

    /** Why the jar has no readable manifest, or null when it has one. */
    private static String manifestProblem(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest() == null ? "no META-INF/MANIFEST.MF" : null;
        } catch (IOException | RuntimeException e) {
            return "cannot read it as a jar (" + describe(e) + ")";
        }
    }

    private void discard(String id) {
        try {
            if (manager.getPlugin(id) != null) {
                manager.unloadPlugin(id);
            }
        } catch (RuntimeException | LinkageError e) {
            PluginHost.LOG.log(System.Logger.Level.WARNING, "plugin " + id + ": unloading failed: " + describe(e));
        }
    }

    private static LoadedPlugin failed(Path jar, JarStamp stamp, String id, String version, String error) {
        PluginHost.LOG.log(System.Logger.Level.DEBUG, "plugin " + id + " (" + jar + ") failed to load: " + error);
        return new LoadedPlugin(jar, stamp, id, version, LoadedPlugin.FAILED, error, PluginExtensions.NONE, null, null);
    }

    private static String fileId(Path jar) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") ? name.substring(0, name.length() - 4) : name;
    }

    /** The message of an exception and of its causes, without repeats: one line a person can act on. */
    static String describe(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null && t != t.getCause(); t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (t instanceof ClassNotFoundException || t instanceof Error) {
                message = t.getClass().getSimpleName() + ": " + message;
            }
            if (!text.toString().contains(message)) {
                text.append(text.isEmpty() ? "" : ": ").append(message);
            }
        }
        return List.of(text.toString().split("\\R")).getFirst();
    }
}
