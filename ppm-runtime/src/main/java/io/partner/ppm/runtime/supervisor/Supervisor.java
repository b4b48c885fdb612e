package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.Durations;
import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.KillMode;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import io.partner.ppm.runtime.logs.LogRelay;
import io.partner.ppm.runtime.process.ChildEvent;
import io.partner.ppm.runtime.process.ChildProcess;
import io.partner.ppm.runtime.process.ChildProcesses;
import io.partner.ppm.runtime.process.SpawnException;
import io.partner.ppm.runtime.process.SpawnRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * Starts services, watches them and restarts them: the one owner of all service state.
 *
 * <p>Every method that changes state runs on the {@code ppm-supervisor} thread; when called from
 * another thread it waits for the loop to apply it and rethrows its {@link IllegalArgumentException}
 * or {@link IllegalStateException}. Read methods use published snapshots and never wait.
 *
 * <p>It is the daemon's {@link SupervisorContext}: the management MBeans and the plugins (each through
 * its own {@code PluginContext}) call it directly.
 */
public final class Supervisor implements SupervisorContext, AutoCloseable {

    private final ChildProcesses children;
    private final LogRelay logs;
    private final RestartPolicies policies;
    private final EventBus events;
    private final Clock clock;
    private final ServiceEnvironment environment;
    private final Consumer<String> log;
    private final SupervisorLoop loop;
    private final Stops stops;
    private final ShortCommands commands;
    /** The daemon's timer (plugin folder scans; the plugins get timers of their own). */
    private final ScheduledExecutorService timer =
            Executors.newScheduledThreadPool(1, Thread.ofPlatform().name("ppm-timer-", 0).daemon().factory());

    // Loop-confined state.
    private final Map<String, ManagedService> services = new LinkedHashMap<>();
    private String exitWith;
    private IntConsumer onExitWith = code -> { };
    private boolean startingWaiting;
    private boolean anotherPassDue;

    /** What readers iterate, in order; replaced whenever a service is added or removed. */
    private volatile List<ManagedService> published = List.of();

    public Supervisor(ChildProcesses children, LogRelay logs, RestartPolicies policies, EventBus events,
                      Clock clock, ServiceEnvironment environment, Consumer<String> log) {
        this.children = children;
        this.logs = logs;
        this.policies = policies;
        this.events = events;
        this.clock = clock;
        this.environment = environment;
        this.log = log;
        this.loop = new SupervisorLoop(log);
        this.stops = new Stops(children, loop, services);
        this.commands = new ShortCommands(children, environment, loop, log);
    }

    // ---------------------------------------------------------------- reading

    @Override
    public List<ServiceInfo> services() {
        long now = clock.millis();
        List<ManagedService> current = published;
        List<ServiceInfo> infos = new ArrayList<>(current.size());
        for (ManagedService service : current) {
            infos.add(service.info(now));
        }
        return infos;
    }

    @Override
    public Optional<ServiceInfo> service(String name) {
        return find(name).map(s -> s.info(clock.millis()));
    }

    @Override
    public Optional<ServiceSpec> spec(String name) {
        return find(name).map(ManagedService::spec);
    }

    /** Every service's definition, in order (for show-configuration). */
    public List<ServiceSpec> specs() {
        return published.stream().map(ManagedService::spec).toList();
    }

    /** Service name to the pid of its live process, for the stats sampler. */
    public Map<String, Long> leaders() {
        Map<String, Long> leaders = new LinkedHashMap<>();
        for (ManagedService service : published) {
            ManagedService.Snapshot snapshot = service.snapshot();
            if (snapshot.state().isAlive()) {
                leaders.put(service.name(), snapshot.pid());
            }
        }
        return leaders;
    }

    /** Takes the latest resource samples; services not in the map keep their previous one. */
    public void acceptStats(Map<String, ServiceStats> stats) {
        for (ManagedService service : published) {
            ServiceStats sample = stats.get(service.name());
            if (sample != null) {
                service.stats(sample);
            }
        }
    }

    @Override
    public void setDetail(String name, String key, String value) {
        require(findOrNull(name), name).detail(key, value);
    }

    @Override
    public AutoCloseable subscribe(ServiceEventListener listener) {
        return events.subscribe(listener);
    }

    private Optional<ManagedService> find(String name) {
        return Optional.ofNullable(findOrNull(name));
    }

    private ManagedService findOrNull(String name) {
        for (ManagedService service : published) {
            if (service.name().equals(name)) {
                return service;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- operations

    /** Adds services from the configuration and starts those with {@code autostart}, in dependency order. */
    public void addAll(List<ServiceSpec> specs) {
        loop.call(() -> {
            for (ServiceSpec spec : specs) {
                add(spec, ManagedService.Origin.CONFIG);
            }
            return null;
        });
    }

    @Override
    public void add(ServiceSpec spec) {
        loop.call(() -> add(spec, ManagedService.Origin.RUNTIME));
    }

    @Override
    public void start(String name) {
        loop.call(() -> {
            ManagedService service = require(name);
            refuseWhileShuttingDown();
            if (service.stopping() != null) {
                service.afterStop(() -> startFresh(service));
            } else if (!service.alive()) {
                startFresh(service);
            }
            return null;
        });
    }

    @Override
    public void stop(String name) {
        loop.call(() -> {
            ManagedService service = require(name);
            stopOnRequest(service, stops.treeOf(service));
            return null;
        });
    }

    /**
     * Stops every service in one step of the loop, from one look at {@code /proc}: a stop request
     * per service would queue each behind the restarts of crash-looping services, and read
     * {@code /proc} once per service.
     *
     * @return the names of the services, in order
     */
    public List<String> stopAll() {
        return loop.call(() -> {
            TreeSnapshot trees = stops.treesOfAll();
            for (ManagedService service : services.values()) {
                stopOnRequest(service, trees);
            }
            return List.copyOf(services.keySet());
        });
    }

    private void stopOnRequest(ManagedService service, TreeSnapshot trees) {
        service.cancelPlans("stopped on request");
        service.afterStop(null);
        if (service.alive()) {
            stops.begin(service, service.spec().stopTimeout(), trees);
        }
    }

    @Override
    public void restart(String name) {
        loop.call(() -> {
            ManagedService service = require(name);
            refuseWhileShuttingDown();
            restartNow(service);
            return null;
        });
    }

    @Override
    public void signal(String name, Signal signal) {
        loop.call(() -> {
            ManagedService service = require(name);
            if (!service.alive()) {
                throw new IllegalStateException("service '" + name + "' is not running (" + service.state().label() + ")");
            }
            children.signalGroup(service.pid(), signal.number());
            return null;
        });
    }

    @Override
    public void remove(String name) {
        loop.call(() -> {
            ManagedService service = require(name);
            service.cancelPlans(null);
            if (service.alive() || service.stopping() != null) {
                stops.begin(service, service.spec().stopTimeout());
                service.afterStop(() -> forget(service));
            } else {
                forget(service);
            }
            return null;
        });
    }

    /**
     * Applies a re-read configuration: new services are added, services of the previous file that
     * are gone are removed, changed ones restart with their new definition, unchanged ones are not
     * touched. Services added at run time stay unless the file now defines the same name.
     *
     * @return a one-line summary, e.g. {@code 1 added, 0 removed, 2 changed, 7 unchanged}
     */
    public String applyConfiguration(List<ServiceSpec> specs) {
        return loop.call(() -> {
            refuseWhileShuttingDown();
            ConfigDiff diff = ConfigDiff.between(services.values().stream()
                    .map(s -> new ConfigDiff.Current(s.spec(), s.origin())).toList(), specs);
            diff.removed().forEach(this::remove);
            for (ConfigDiff.Step step : diff.steps()) {
                ManagedService service = services.get(step.spec().name());
                switch (step.kind()) {
                    case ADDED -> add(step.spec(), ManagedService.Origin.CONFIG);
                    case UNCHANGED -> service.definedByConfig();
                    case CHANGED -> {
                        service.definedByConfig();
                        replace(service, step.spec());
                    }
                }
            }
            return diff.summary();
        });
    }

    /** When the named service ends, {@code handler} receives the code the daemon should exit with. */
    public void exitWith(String name, IntConsumer handler) {
        loop.call(() -> {
            exitWith = name;
            onExitWith = handler;
            return null;
        });
    }

    /**
     * Stops every service in reverse dependency order: stop signal, SIGKILL after each service's
     * {@code stop_timeout}, and SIGKILL for everything still alive shortly before {@code timeout}.
     * The future completes when no process of any service is left, or at {@code timeout} at the latest.
     */
    public CompletableFuture<Void> shutdown(Duration timeout) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        try {
            loop.urgent(() -> beginShutdown(timeout, done));
        } catch (RejectedExecutionException closed) {
            done.complete(null);
        }
        return done;
    }

    /** Kills every process tree at once (a second SIGTERM during shutdown). */
    public void killAll() {
        try {
            loop.urgent(stops::killAll);
        } catch (RejectedExecutionException closed) {
            // Closed: nothing left to kill.
        }
    }

    /**
     * Runs a short command outside any service (for plugins): its output goes to the daemon's log, its
     * process group is killed after {@code timeout}. The future completes off the supervisor's threads.
     */
    @Override
    public CompletableFuture<ExitStatus> runCommand(List<String> argv, Map<String, String> env, Duration timeout) {
        return commands.run(argv, env, timeout);
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return timer;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        loop.close();
        environment.close();
    }

    // ---------------------------------------------------------------- the loop's work

    private Void add(ServiceSpec spec, ManagedService.Origin origin) {
        refuseWhileShuttingDown();
        if (services.containsKey(spec.name())) {
            throw new IllegalArgumentException("service '" + spec.name() + "' already exists");
        }
        ManagedService service = new ManagedService(spec, origin);
        services.put(spec.name(), service);
        published = List.copyOf(services.values());
        logs.register(spec.name(), spec.log());
        emit(ServiceEvent.Type.ADDED, service, null, "added");
        if (spec.autostart()) {
            startWhenReady(service);
        }
        return null;
    }

    private void replace(ManagedService service, ServiceSpec spec) {
        service.redefine(spec);
        logs.register(spec.name(), spec.log());
        emit(ServiceEvent.Type.CHANGED, service, null, "definition changed");
        service.cancelRestart(null);
        if (service.alive() || service.stopping() != null) {
            restartNow(service);
        } else if (spec.autostart() && (service.state() == ServiceState.CREATED || service.state() == ServiceState.CRASHED)) {
            service.freshBudget();
            startWhenReady(service);
        }
    }

    /** Stops the service if it runs, then starts it with a fresh restart budget. */
    private void restartNow(ManagedService service) {
        service.cancelRestart(null);
        if (service.alive() || service.stopping() != null) {
            stops.begin(service, service.spec().stopTimeout());
            service.afterStop(() -> startFresh(service));
        } else {
            startFresh(service);
        }
    }

    private void forget(ManagedService service) {
        services.remove(service.name());
        published = List.copyOf(services.values());
        logs.unregister(service.name());
        emit(ServiceEvent.Type.REMOVED, service, null, "removed");
        startWaitingServices();
    }

    private void startWhenReady(ManagedService service) {
        List<String> unmet = Dependencies.unmet(service.spec(), services);
        if (unmet.isEmpty()) {
            spawn(service, ServiceEvent.Type.STARTED);
        } else {
            service.waitFor(unmet);
        }
    }

    /**
     * Starts the waiting services whose dependencies are now met, and again those that these starts
     * unblock, in passes rather than by recursion: a chain of a thousand dependencies stays flat on
     * the stack. A start inside a pass (spawn calls back here) only marks that another pass is due.
     */
    private void startWaitingServices() {
        if (stops.shuttingDown()) {
            return;
        }
        if (startingWaiting) {
            anotherPassDue = true;
            return;
        }
        startingWaiting = true;
        try {
            do {
                anotherPassDue = false;
                for (ManagedService service : services.values().stream().filter(ManagedService::waiting).toList()) {
                    if (service.waiting() && Dependencies.unmet(service.spec(), services).isEmpty()) {
                        spawn(service, ServiceEvent.Type.STARTED);
                    }
                }
            } while (anotherPassDue && !stops.shuttingDown());
        } finally {
            startingWaiting = false;
        }
    }

    /** A start asked for by a user or a plugin: a fresh restart budget, dependencies not waited for. */
    private void startFresh(ManagedService service) {
        if (stops.shuttingDown() || !services.containsValue(service)) {
            return;
        }
        service.freshBudget();
        spawn(service, ServiceEvent.Type.STARTED);
    }

    private void spawn(ManagedService service, ServiceEvent.Type type) {
        service.cancelRestart(null);
        service.starting();
        ServiceSpec spec = service.spec();
        CompletableFuture<SpawnRequest> request = environment.prepare(spec);
        if (request.isDone()) {
            launch(service, type, spec, request);
            return;
        }
        // Its env_file is being read on another thread: the loop carries on and launches once it is in.
        service.readingEnvFile(request);
        request.whenComplete((r, e) -> loop.post("starting " + spec.name(), () -> {
            if (service.takePendingStart(request)) {
                launch(service, type, spec, request);
            }
        }));
    }

    private void launch(ManagedService service, ServiceEvent.Type type, ServiceSpec spec, CompletableFuture<SpawnRequest> request) {
        try {
            ChildProcess child = children.spawn(request.join(),
                    event -> loop.post("handling an event of " + spec.name(), () -> onChildEvent(service, event)));
            ServiceState previous = service.started(child.pid(), clock.millis());
            logs.attach(spec.name(), child.stdout(), child.stderr());
            emit(type, service, previous, (type == ServiceEvent.Type.RESTARTED ? "restarted" : "started")
                    + " (pid " + child.pid() + ")");
        } catch (SpawnException e) {
            failedToStart(service, e.getMessage(), Termination.execFailureCode(e));
        } catch (CompletionException e) {
            failedToStart(service, e.getCause() == null ? e.getMessage() : e.getCause().getMessage(), Termination.NOT_EXECUTABLE);
        } catch (RuntimeException e) {
            failedToStart(service, e.getMessage(), Termination.NOT_EXECUTABLE);
        }
        startWaitingServices();
    }

    private void failedToStart(ManagedService service, String reason, int shellCode) {
        ServiceState previous = service.failedToStart(reason, shellCode);
        emit(ServiceEvent.Type.CRASHED, service, previous, reason);
        afterEnd(service);
    }

    private void onChildEvent(ManagedService service, ChildEvent event) {
        if (event.pid() != service.pid()) {
            return;
        }
        switch (event.kind()) {
            case STOPPED -> {
                if (service.paused("paused by SIG" + Signal.nameOf(event.status()))) {
                    emit(ServiceEvent.Type.PAUSED, service, ServiceState.RUNNING, service.reason());
                }
            }
            case CONTINUED -> {
                if (service.resumed()) {
                    emit(ServiceEvent.Type.RESUMED, service, ServiceState.STOPPED, "resumed");
                }
            }
            case EXITED, KILLED, DUMPED -> onExit(service, event.toExitStatus());
        }
    }

    private void onExit(ManagedService service, ExitStatus exit) {
        ServiceState previous = service.ended(exit, clock.millis());
        emit(service.state() == ServiceState.FINISHED ? ServiceEvent.Type.FINISHED : ServiceEvent.Type.CRASHED,
                service, previous, service.reason());
        if (service.stopping() == null) {
            clearLeftoversThen(service, () -> afterEnd(service));
        } else {
            // Most stopped trees are gone with their leader: finish the stop now, not at the next poll.
            stops.poll();
        }
    }

    /**
     * After a main process ended on its own: with {@code kill_mode: group}, what it left behind (its
     * group, its session, what it double-forked) gets the stop signal, then SIGKILL after
     * {@code stop_timeout}, and {@code then} runs once all of it is gone; otherwise {@code then} runs now.
     * The check is cheap when nothing is left: one {@code killpg(pgid, 0)} and the daemon's list of
     * adopted children, without a pass over {@code /proc}.
     */
    private void clearLeftoversThen(ManagedService service, Runnable then) {
        ServiceSpec spec = service.spec();
        if (spec.killMode() == KillMode.GROUP && !stops.shuttingDown() && leftoversLikely(service)) {
            TreeSnapshot trees = stops.treeOf(service);
            int left = trees.of(service.pid()).size();
            if (left > 0) {
                log.accept(service.name() + ": " + left + (left == 1 ? " process" : " processes")
                        + " left behind get SIG" + spec.stopSignal().name());
                stops.leftovers(service, trees, then);
                return;
            }
        }
        then.run();
    }

    private boolean leftoversLikely(ManagedService service) {
        return children.signalGroup(service.pid(), 0) || children.adoptedOrphans().containsKey(service.name());
    }

    /** After a process ended on its own (or could not start): dependants, exit_with, then the restart policy. */
    private void afterEnd(ManagedService service) {
        startWaitingServices();
        if (stops.shuttingDown() || service.stopRequested()) {
            return;
        }
        if (service.name().equals(exitWith)) {
            onExitWith.accept(service.shellCode());
            return;
        }
        RestartDecision decision = policies.decide(service.restartContext(clock.instant()));
        switch (decision.action()) {
            case NONE -> { }
            case GIVE_UP -> {
                service.gaveUp();
                emit(ServiceEvent.Type.GAVE_UP, service, null, service.reason());
            }
            case RESTART -> scheduleRestart(service, decision.delay());
        }
    }

    private void scheduleRestart(ManagedService service, Duration delay) {
        ScheduledFuture<?> task = loop.schedule("restarting " + service.name(), () -> {
            if (service.restartDue() && !stops.shuttingDown() && services.containsValue(service) && !service.alive()) {
                service.restarting();
                spawn(service, ServiceEvent.Type.RESTARTED);
            }
        }, delay);
        service.scheduleRestart(clock.millis() + delay.toMillis(), task);
        emit(ServiceEvent.Type.RESTART_SCHEDULED, service, null, "restart in " + Durations.format(delay));
    }

    private void refuseWhileShuttingDown() {
        if (stops.shuttingDown()) {
            throw new IllegalStateException("the daemon is shutting down");
        }
    }

    private void beginShutdown(Duration timeout, CompletableFuture<Void> done) {
        if (!stops.shuttingDown()) {
            services.values().forEach(service -> service.cancelPlans("daemon shutting down"));
        }
        stops.shutdown(timeout, done);
    }

    // ---------------------------------------------------------------- helpers

    /** How many pieces of the loop's work failed with an unexpected exception (see {@link SupervisorLoop}). */
    public long internalFailures() {
        return loop.failures();
    }

    private void emit(ServiceEvent.Type type, ManagedService service, ServiceState previous, String message) {
        ServiceEvent event = service.event(type, previous, message, clock.millis());
        switch (type) {
            case ADDED -> { }
            case CRASHED -> log.accept(service.name() + ": crashed: " + message);
            case FINISHED -> log.accept(service.name() + ": finished: " + message);
            default -> log.accept(service.name() + ": " + message);
        }
        events.publish(event);
    }

    private ManagedService require(String name) {
        return require(services.get(name), name);
    }

    private static ManagedService require(ManagedService service, String name) {
        if (service == null) {
            throw new IllegalArgumentException("unknown service '" + name + "'");
        }
        return service;
    }
}
