package io.partner.ppm.plugin.testkit;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.runtime.Daemon;
import io.partner.ppm.runtime.DaemonOptions;
import io.partner.ppm.runtime.config.ConfigException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A real PPM daemon started in the test's JVM on a configuration file whose {@code daemon.plugins.dir}
 * is a folder the test fills with plugin jars (see {@link PluginJars}). Its network endpoints are off,
 * its output is captured and every service event is recorded from the first {@code ADDED} on.
 *
 * <p>Only one daemon may be alive at a time in a JVM (each one reaps the JVM's child processes): close
 * it before the test ends, with try-with-resources.
 */
public final class PluginDaemon implements AutoCloseable {

    /** How long any wait of a test may last: generous, for a loaded machine. */
    public static final Duration DEADLINE = Duration.ofSeconds(20);

    private static final Duration POLL = Duration.ofMillis(10);

    private final Daemon daemon;
    private final Path configFile;
    private final Path pluginsDir;
    private final Output stdout;
    private final Output stderr;
    private final List<ServiceEvent> events;

    private PluginDaemon(Daemon daemon, Path configFile, Path pluginsDir, Output stdout, Output stderr,
                         List<ServiceEvent> events) {
        this.daemon = daemon;
        this.configFile = configFile;
        this.pluginsDir = pluginsDir;
        this.stdout = stdout;
        this.stderr = stderr;
        this.events = events;
    }

    /**
     * The whole configuration file: a {@code daemon:} section with the endpoints off and the plugin
     * folder set, followed by {@code rest} (top-level sections such as {@code services:}).
     */
    public static String configuration(Path pluginsDir, String rest) {
        return """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 5s }
                  plugins: { dir: "%s" }
                """.formatted(pluginsDir.toAbsolutePath()) + rest;
    }

    /**
     * Writes {@code dir/ppm.yml} from {@link #configuration} and starts a daemon on it.
     *
     * @throws ConfigException when the daemon refuses the configuration (nothing is left running then)
     */
    public static PluginDaemon start(Path dir, Path pluginsDir, String rest) throws ConfigException, IOException {
        Path config = dir.resolve("ppm.yml");
        Files.writeString(config, configuration(pluginsDir, rest));
        Output out = new Output();
        Output err = new Output();
        List<ServiceEvent> events = new CopyOnWriteArrayList<>();
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PPM_RUNTIME_FILE", dir.resolve("daemon.json").toString());
        DaemonOptions options = new DaemonOptions(config, List.of(), env, dir, dir, null, out, err,
                false, Clock.systemUTC());
        Daemon daemon = Daemon.start(options, List.of(events::add));
        return new PluginDaemon(daemon, config, pluginsDir, out, err, events);
    }

    public Daemon daemon() {
        return daemon;
    }

    public Path configFile() {
        return configFile;
    }

    public Path pluginsDir() {
        return pluginsDir;
    }

    /** Writes a new configuration ({@link #configuration} with {@code rest}) and reloads the daemon on it. */
    public void reload(String rest) throws IOException {
        Files.writeString(configFile, configuration(pluginsDir, rest));
        daemon.reload();
    }

    // ---------------------------------------------------------------- services and events

    public ServiceInfo info(String name) {
        return daemon.supervisor().service(name).orElseThrow(() -> new AssertionError("no service " + name));
    }

    /** Waits until the service satisfies {@code condition} and returns it as it was then. */
    public ServiceInfo awaitService(String name, Predicate<ServiceInfo> condition) {
        ServiceInfo[] last = new ServiceInfo[1];
        awaitValue(() -> "service " + name + " in the expected state (last seen: " + last[0] + ")", () -> {
            last[0] = daemon.supervisor().service(name).orElse(null);
            return last[0] != null && condition.test(last[0]) ? last[0] : null;
        });
        return last[0];
    }

    /** Waits until at least {@code count} events of {@code type} for the service were seen; returns them all. */
    public List<ServiceEvent> awaitEvents(String name, ServiceEvent.Type type, int count) {
        await(count + " " + type + " event(s) of " + name, () -> events(name, type).size() >= count);
        return events(name, type);
    }

    /** The events of {@code type} for the service so far, in order. */
    public List<ServiceEvent> events(String name, ServiceEvent.Type type) {
        List<ServiceEvent> matching = new ArrayList<>();
        for (ServiceEvent event : events) {
            if (event.service().equals(name) && event.type() == type) {
                matching.add(event);
            }
        }
        return matching;
    }

    /** Every event so far, in order. */
    public List<ServiceEvent> events() {
        return List.copyOf(events);
    }

    // ---------------------------------------------------------------- plugins

    /** The plugin with that id as the daemon lists it, if it lists one. */
    public Optional<PluginInfo> plugin(String id) {
        return daemon.plugins().stream().filter(p -> p.id().equals(id)).findFirst();
    }

    /** Waits until the daemon lists a plugin with that id satisfying {@code condition}; returns it. */
    public PluginInfo awaitPlugin(String id, Predicate<PluginInfo> condition) {
        return awaitValue(() -> "plugin " + id + " listed as expected (listed: " + daemon.plugins() + ")",
                () -> plugin(id).filter(condition).orElse(null));
    }

    /** Waits until the daemon no longer lists a plugin with that id. */
    public void awaitNoPlugin(String id) {
        await("plugin " + id + " no longer listed", () -> plugin(id).isEmpty());
    }

    // ---------------------------------------------------------------- output

    /** What the services wrote to stdout. */
    public String stdout() {
        return stdout.text();
    }

    /** What the services wrote to stderr, and the daemon's own messages. */
    public String stderr() {
        return stderr.text();
    }

    // ---------------------------------------------------------------- waiting

    /** Polls {@code condition} until it holds; fails after {@link #DEADLINE} naming {@code what} was awaited. */
    public static void await(String what, BooleanSupplier condition) {
        awaitValue(() -> what, () -> condition.getAsBoolean() ? Boolean.TRUE : null);
    }

    /**
     * Polls {@code value} until it is not null and returns it; fails after {@link #DEADLINE} with the
     * description {@code what} gives then (so it can tell what was last seen).
     */
    public static <T> T awaitValue(Supplier<String> what, Supplier<T> value) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            T current = value.get();
            if (current != null) {
                return current;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s in vain for " + what.get());
            }
            try {
                Thread.sleep(POLL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what.get(), e);
            }
        }
    }

    /** Shuts the daemon down and waits until it has stopped every service and unloaded every plugin. */
    @Override
    public void close() {
        daemon.shutdown();
        try {
            daemon.exitCode().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("the daemon did not shut down within " + DEADLINE.toSeconds() + " s", e);
        }
    }

    /** An output stream the test reads while the daemon writes to it. */
    private static final class Output extends OutputStream {

        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
