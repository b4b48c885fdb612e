package io.partner.ppm.runtime;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.management.DaemonEndpoints;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.runtime.config.ConfigException;
import io.partner.ppm.runtime.config.ConfigLoader;
import io.partner.ppm.runtime.config.ConfigLocator;
import io.partner.ppm.runtime.config.ConfigWriter;
import io.partner.ppm.runtime.config.DaemonConfig;
import io.partner.ppm.runtime.config.PluginsConfig;
import io.partner.ppm.runtime.logs.DaemonLogHandler;
import io.partner.ppm.runtime.logs.LogLine;
import io.partner.ppm.runtime.logs.LogRelay;
import io.partner.ppm.runtime.management.ManagementServer;
import io.partner.ppm.runtime.plugin.PluginChangeReport;
import io.partner.ppm.runtime.plugin.PluginHost;
import io.partner.ppm.runtime.process.ChildProcesses;
import io.partner.ppm.runtime.stats.StatsCollector;
import io.partner.ppm.runtime.supervisor.EventBus;
import io.partner.ppm.runtime.supervisor.RestartPolicies;
import io.partner.ppm.runtime.supervisor.ServiceEnvironment;
import io.partner.ppm.runtime.supervisor.Supervisor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running PPM daemon: the configuration, the supervisor, the log relay and the endpoints, wired
 * together. {@link #start} returns once every autostart service has been launched;
 * {@link #awaitExit()} waits for the shutdown and gives the exit code.
 */
public final class Daemon implements DaemonControl {

    /** The service a trailing command ({@code ppm daemon -- CMD}) becomes. */
    public static final String MAIN_SERVICE = "main";

    private static final int RING_LINES = 1000;
    private static final Duration PLUGIN_SCAN_PERIOD = Duration.ofSeconds(1);
    private static final Duration DRAIN_TIMEOUT = Duration.ofMillis(300);
    /** How long what the services left behind has between SIGTERM and SIGKILL when the daemon exits. */
    private static final Duration LEFTOVER_GRACE = Duration.ofMillis(200);
    /** Part of the shutdown timeout kept for closing endpoints and flushing output after the services are down. */
    private static final Duration SHUTDOWN_RESERVE = Duration.ofMillis(500);
    /** The part of that reserve the plugins get, all together, to stop; a plugin still busy then is left behind. */
    private static final Duration PLUGIN_STOP_SHARE = Duration.ofMillis(200);

    private final DaemonOptions options;
    private final long startedAt;
    private final PluginHost plugins;
    private final LogRelay relay;
    private final EventBus events;
    private final Supervisor supervisor;
    private final ChildProcesses children;
    private ManagementServer management;
    private final DaemonLogHandler logHandler;
    private final StatsCollector stats;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final Lifecycle lifecycle = new Lifecycle();
    private volatile DaemonConfig config;
    private volatile AutoCloseable pluginReporting = () -> { };

    private Daemon(DaemonOptions options, PluginHost plugins, DaemonConfig config, DaemonLogHandler logHandler) {
        this.logHandler = logHandler;
        this.options = options;
        this.startedAt = options.clock().millis();
        this.plugins = plugins;
        this.config = config;
        this.relay = new LogRelay(config.log(), options.stdout(), options.stderr(), RING_LINES);
        this.events = new EventBus(relay::daemonMessage);
        // One process layer per daemon, and one daemon at a time per JVM: two reapers would take each other's children.
        this.children = ChildProcesses.open();
        this.supervisor = new Supervisor(children, relay, new RestartPolicies(plugins::restartPolicy), events,
                options.clock(), new ServiceEnvironment(options.environment(), options.workingDirectory(),
                        terminalService(options)),
                relay::daemonMessage);
        this.stats = new StatsCollector(config.statsInterval(), supervisor::leaders, supervisor::acceptStats);
    }

    /**
     * The main command of {@code ppm daemon -- CMD} gets the terminal when the daemon runs on one
     * ({@code docker run -it}): stdin, stdout and stderr, and the terminal's foreground, so that typed
     * input and Ctrl-C reach it.
     */
    private static String terminalService(DaemonOptions options) {
        return options.handleSignals() && !options.trailingCommand().isEmpty() && ChildProcesses.stdinIsTerminal()
                ? MAIN_SERVICE : null;
    }

    /**
     * Reads the configuration, starts the endpoints and every autostart service.
     *
     * @throws ConfigException when the configuration is invalid; nothing has been started then
     */
    public static Daemon start(DaemonOptions options) throws ConfigException, IOException {
        return start(options, List.of());
    }

    /**
     * As {@link #start(DaemonOptions)}, with listeners subscribed before the first service starts, so
     * they see every event from the first {@code ADDED} on.
     */
    public static Daemon start(DaemonOptions options, List<ServiceEventListener> listeners)
            throws ConfigException, IOException {
        Optional<Path> file = ConfigLocator.locate(options.explicitConfig(), options.environment(), options.home(),
                options.workingDirectory());
        // Until the log relay exists, library messages go straight to stderr in the daemon's text form.
        DaemonLogHandler logHandler = DaemonLogHandler.install(line -> writeLine(options.stderr(), "ppm | " + line));
        // Plugins first: the configuration may use keys they own.
        PluginsConfig pluginSettings = file.map(PluginsConfig::peek).orElse(PluginsConfig.DEFAULT);
        PluginHost plugins = new PluginHost(pluginSettings.resolve(options.installation(), options.workingDirectory()),
                pluginSettings.disabled());
        try {
            plugins.loadAll();
            ConfigLoader loader = new ConfigLoader(options.environment(), plugins.configExtensions());
            DaemonConfig config = file.isPresent() ? loader.load(file.get()) : DaemonConfig.empty();
            Daemon daemon = new Daemon(options, plugins, config, logHandler);
            listeners.forEach(daemon.events::subscribe);
            try {
                daemon.run();
            } catch (IOException | RuntimeException e) {
                daemon.release();
                throw e;
            }
            return daemon;
        } catch (ConfigException | RuntimeException e) {
            plugins.close();
            logHandler.close();
            throw e;
        }
    }

    /**
     * Starts everything in order. A shutdown asked for meanwhile (the main command ending at once, a
     * signal, {@code ppm shutdown}) begins only at the end, once every step has run; one asked for
     * before the services are added means they are not started at all.
     */
    private void run() throws IOException {
        logHandler.redirect(relay::daemonMessage);
        // Endpoints first: a port that is taken stops the daemon before any service has started.
        management = ManagementServer.start(this, config.jmx(), config.jolokia(), config.auth(),
                DaemonEndpoints.defaultLocation(options.environment(), System.getProperty("user.name")));
        if (config.exitWith() != null || !options.trailingCommand().isEmpty()) {
            String main = options.trailingCommand().isEmpty() ? config.exitWith() : MAIN_SERVICE;
            supervisor.exitWith(main, this::shutdown);
        }
        relay.daemonMessage("PPM " + version() + " started (pid " + pid() + ", "
                + (config.source() == null ? "no configuration file" : "config " + config.source()) + ")");
        if (options.handleSignals()) {
            // Signals that came before now (DaemonMain took them over first thing) are acted on here.
            SignalHandlers.deliverTo(this::onSignal, relay::daemonMessage);
        }
        events.subscribe(this::deliverToPlugins);
        events.subscribe(event -> {
            if (event.type() == ServiceEvent.Type.REMOVED) {
                stats.forget(event.service());
            }
        });
        reportPluginChanges();
        plugins.configure(config.sections());
        if (!lifecycle.stopping()) {
            supervisor.addAll(servicesOf(config));
            plugins.startExtensions(supervisor);
        }
        plugins.watch(supervisor.scheduler(), PLUGIN_SCAN_PERIOD);
        stats.start();
        Lifecycle.Due due = lifecycle.started();
        if (due.shutdownCode() != null) {
            beginShutdown(due.shutdownCode());
        } else if (due.reload()) {
            reloadOnSignal();
        }
    }

    /** Every plugin in the daemon's output now, and each later load, failure and unload as it happens. */
    private void reportPluginChanges() {
        PluginChangeReport report = new PluginChangeReport(relay::daemonMessage);
        pluginReporting = plugins.onChange(() -> report.report(plugins.plugins()));
        report.report(plugins.plugins());
    }

    private void deliverToPlugins(ServiceEvent event) {
        for (ServiceEventListener listener : plugins.eventListeners()) {
            listener.onEvent(event);
        }
    }

    /** A loader that knows the keys of the plugins loaded now (a plugin dropped in counts from the next reload). */
    private ConfigLoader loader() {
        return new ConfigLoader(options.environment(), plugins.configExtensions());
    }

    /** The configuration's services, plus the trailing command as the service {@code main}. */
    private List<ServiceSpec> servicesOf(DaemonConfig configuration) {
        if (options.trailingCommand().isEmpty()) {
            return configuration.services();
        }
        List<ServiceSpec> services = new ArrayList<>(configuration.services());
        services.add(ServiceSpec.builder(MAIN_SERVICE, options.trailingCommand()).restart(ServiceSpec.NEVER).build());
        return services;
    }

    /** The management endpoints (JMX, Jolokia, runtime file) of this daemon. */
    public ManagementServer management() {
        return management;
    }

    private static void writeLine(OutputStream out, String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException unwritable) {
            // Nowhere left to report to.
        }
    }

    /** The {@code shutdown.timeout} of the configuration in force. */
    public Duration shutdownTimeout() {
        return config.shutdownTimeout();
    }

    /** Blocks until the daemon has shut down; returns the code the process should exit with. */
    public int awaitExit() {
        return exit.join();
    }

    /** Completes with the exit code once the daemon has shut down. */
    public CompletableFuture<Integer> exitCode() {
        return exit;
    }

    // ---------------------------------------------------------------- signals

    private void onSignal(Signal signal) {
        switch (signal) {
            case TERM, INT -> onTerminationSignal();
            case HUP -> reloadOnSignal();
            default -> forward(signal);
        }
    }

    private void onTerminationSignal() {
        if (lifecycle.stopping()) {
            relay.daemonMessage("second termination signal: killing every service now");
            supervisor.killAll();
        } else {
            relay.daemonMessage("termination signal received: stopping every service");
            shutdown(0);
        }
    }

    /** SIGHUP: there is no caller to answer, so a refusal goes to the daemon's stderr as one line. */
    private void reloadOnSignal() {
        try {
            reload();
        } catch (RuntimeException e) {
            relay.daemonMessage("reload refused: " + e.getMessage());
        }
    }

    private void forward(Signal signal) {
        for (ServiceInfo service : supervisor.services()) {
            if (service.state().isAlive()) {
                try {
                    supervisor.signal(service.name(), signal);
                } catch (IllegalStateException ended) {
                    // It ended in the meantime.
                }
            }
        }
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Starts a graceful shutdown that ends with {@code code} as the exit code. Asked for during
     * start-up, it begins once start-up is over; once one has begun, a second call changes nothing.
     */
    public void shutdown(int code) {
        if (lifecycle.requestShutdown(code)) {
            beginShutdown(code);
        }
    }

    private void beginShutdown(int code) {
        ShutdownDeadline.watch(config.shutdownTimeout(), code, exit, () -> supervisor.leaders().values(), children,
                relay::daemonMessage, options.handleSignals());
        Duration budget = config.shutdownTimeout().minus(SHUTDOWN_RESERVE);
        supervisor.shutdown(budget.isNegative() ? Duration.ZERO : budget).whenComplete((v, e) -> finish(code));
    }

    private void finish(int code) {
        try {
            // What services left behind (kill_mode: process, or past a stop) gets SIGTERM, then SIGKILL.
            children.endLeftovers(LEFTOVER_GRACE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // The last lines of the services are still in the pipes when their processes end.
        try {
            relay.awaitDrained(DRAIN_TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        relay.daemonMessage("stopped, exit code " + code);
        release();
        exit.complete(code);
    }

    /** Closes everything the daemon holds, in the reverse order of {@link #run()}. */
    private void release() {
        if (options.handleSignals()) {
            SignalHandlers.stopDelivering();
        }
        // Unloading everything at the end is no news.
        closeQuietly(pluginReporting);
        closeQuietly(management);
        plugins.close(PLUGIN_STOP_SHARE);
        stats.close();
        supervisor.close();
        children.close();
        events.close();
        logHandler.close();
        relay.close();
    }

    private void closeQuietly(AutoCloseable handle) {
        if (handle == null) {
            return;
        }
        try {
            handle.close();
        } catch (Exception e) {
            relay.daemonMessage("while stopping: " + e.getMessage());
        }
    }

    // ---------------------------------------------------------------- DaemonControl

    @Override
    public String version() {
        return Version.current();
    }

    @Override
    public long pid() {
        return ChildProcesses.currentPid();
    }

    @Override
    public long startedAt() {
        return startedAt;
    }

    @Override
    public Optional<Path> configFile() {
        return Optional.ofNullable(config.source());
    }

    @Override
    public ServiceSpec parseService(String definition) {
        try {
            return loader().parseService(definition, config.withServices(supervisor.specs()));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public String configurationYaml() {
        return ConfigWriter.toYaml(config.withServices(supervisor.specs()));
    }

    @Override
    public synchronized void reload() {
        if (!lifecycle.requestReload()) {
            // Its services are not all added yet; start-up reloads once it is over.
            throw new IllegalStateException("the daemon is still starting: it reloads the configuration once started");
        }
        Path source = config.source();
        if (source == null) {
            throw new IllegalStateException("no configuration file to reload: the daemon runs on the embedded default");
        }
        DaemonConfig fresh;
        try {
            fresh = loader().load(source);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String summary = supervisor.applyConfiguration(servicesOf(fresh));
        config = fresh;
        plugins.configure(fresh.sections());
        relay.daemonMessage("configuration reloaded from " + source + ": " + summary);
    }

    @Override
    public void shutdown() {
        shutdown(0);
    }

    @Override
    public DaemonStats daemonStats() {
        return stats.daemonStats();
    }

    @Override
    public ContainerStats containerStats() {
        return stats.containerStats();
    }

    @Override
    public ServiceHistory history(String service) {
        if (supervisor.service(service).isEmpty()) {
            throw new IllegalArgumentException("unknown service '" + service + "'");
        }
        return stats.history(service);
    }

    @Override
    public void sampleNow() {
        stats.sampleNow();
    }

    @Override
    public List<LogLine> logs(String service, long afterSeq, int max) {
        return relay.since(service, afterSeq, max);
    }

    @Override
    public Supervisor supervisor() {
        return supervisor;
    }

    @Override
    public List<String> stopAll() {
        return supervisor.stopAll();
    }

    @Override
    public List<PluginInfo> plugins() {
        return plugins.plugins();
    }

    @Override
    public AutoCloseable subscribePlugins(Runnable listener) {
        return plugins.onChange(listener);
    }
}
