package io.partner.ppm.plugin.testkit;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link SupervisorContext} without processes, for testing plugin logic: services are definitions
 * whose "runs" last as long as the test says ({@link #runFor}) or until it ends them ({@link #finish}).
 * Events are delivered in order on one event thread, like the daemon's. It counts starts, restarts and
 * the most runs of one service ever alive at once, and lets the test set stats.
 *
 * <p>{@link #runCommand} really runs the command (tests may start processes; the daemon may not).
 */
public final class InMemorySupervisor implements SupervisorContext, AutoCloseable {

    private final Clock clock;
    private final Map<String, Service> services = new LinkedHashMap<>();
    private final List<ServiceEventListener> subscribers = new CopyOnWriteArrayList<>();
    private final List<List<String>> commands = new CopyOnWriteArrayList<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(daemonThreads("test-events"));
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemonThreads("test-timer"));

    public InMemorySupervisor() {
        this(Clock.systemUTC());
    }

    public InMemorySupervisor(Clock clock) {
        this.clock = clock;
    }

    private static final class Service {
        ServiceSpec spec;
        ServiceState state = ServiceState.CREATED;
        Duration runTime;
        int starts;
        int restarts;
        int alive;
        int maxAlive;
        ServiceStats stats = ServiceStats.NONE;
        final Map<String, String> details = new LinkedHashMap<>();
        Object run;
    }

    // ---- what tests use to set the scene and look at the result

    /** How long each run of {@code name} lasts before it finishes with exit code 0; null: until {@link #finish}. */
    public synchronized void runFor(String name, Duration runTime) {
        service(name, true).runTime = runTime;
    }

    /** Ends the current run of {@code name} with {@code status}. */
    public void finish(String name, ExitStatus status) {
        end(name, null, status);
    }

    public synchronized void setStats(String name, ServiceStats stats) {
        service(name, true).stats = stats;
    }

    /** How many times the service was started (by start or restart). */
    public synchronized int starts(String name) {
        return service(name, true).starts;
    }

    public synchronized int restarts(String name) {
        return service(name, true).restarts;
    }

    /** The most runs of the service that were ever alive at the same time. */
    public synchronized int maxConcurrentRuns(String name) {
        return service(name, true).maxAlive;
    }

    public synchronized String detail(String name, String key) {
        Service service = services.get(name);
        return service == null ? null : service.details.get(key);
    }

    /** The argument vectors given to {@link #runCommand}, in order. */
    public List<List<String>> commands() {
        return List.copyOf(commands);
    }

    /** Delivers an event to the subscribers, as the daemon would. */
    public void publish(ServiceEvent event) {
        events.execute(() -> subscribers.forEach(s -> s.onEvent(event)));
    }

    // ---- SupervisorContext

    @Override
    public synchronized List<ServiceInfo> services() {
        return services.keySet().stream().map(this::info).toList();
    }

    @Override
    public synchronized Optional<ServiceInfo> service(String name) {
        return services.containsKey(name) ? Optional.of(info(name)) : Optional.empty();
    }

    @Override
    public synchronized Optional<ServiceSpec> spec(String name) {
        return Optional.ofNullable(services.get(name)).map(s -> s.spec);
    }

    @Override
    public void start(String name) {
        ServiceEvent event;
        synchronized (this) {
            Service service = service(name, true);
            if (service.state.isAlive()) {
                throw new IllegalStateException("service '" + name + "' is already running");
            }
            event = begin(name, service, ServiceEvent.Type.STARTED);
        }
        publish(event);
    }

    @Override
    public void stop(String name) {
        end(name, ServiceState.FINISHED, ExitStatus.killed(Signal.TERM.number(), false));
    }

    @Override
    public void restart(String name) {
        ServiceEvent started;
        synchronized (this) {
            Service service = service(name, true);
            if (service.state.isAlive()) {
                stop(name);
            }
            service.restarts++;
            started = begin(name, service, ServiceEvent.Type.RESTARTED);
        }
        publish(started);
    }

    @Override
    public synchronized void signal(String name, Signal signal) {
        service(name, true);
    }

    @Override
    public void add(ServiceSpec spec) {
        synchronized (this) {
            if (services.containsKey(spec.name())) {
                throw new IllegalArgumentException("service '" + spec.name() + "' already exists");
            }
            Service service = new Service();
            service.spec = spec;
            services.put(spec.name(), service);
        }
        publish(event(ServiceEvent.Type.ADDED, spec.name(), null, ServiceState.CREATED, null));
        if (spec.autostart()) {
            start(spec.name());
        }
    }

    @Override
    public void remove(String name) {
        synchronized (this) {
            Service service = service(name, true);
            if (service.state.isAlive()) {
                stop(name);
            }
            services.remove(name);
        }
        publish(event(ServiceEvent.Type.REMOVED, name, null, ServiceState.FINISHED, null));
    }

    @Override
    public synchronized void setDetail(String name, String key, String value) {
        Service service = service(name, true);
        if (value == null) {
            service.details.remove(key);
        } else {
            service.details.put(key, value);
        }
    }

    @Override
    public AutoCloseable subscribe(ServiceEventListener listener) {
        subscribers.add(listener);
        return () -> subscribers.remove(listener);
    }

    @Override
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public CompletableFuture<ExitStatus> runCommand(List<String> argv, Map<String, String> env, Duration timeout) {
        commands.add(List.copyOf(argv));
        return CompletableFuture.supplyAsync(() -> {
            try {
                ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
                builder.environment().putAll(env);
                Process process = builder.start();
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly().waitFor();
                    return ExitStatus.killed(Signal.KILL.number(), false);
                }
                return ExitStatus.exited(process.exitValue());
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot run " + argv.getFirst() + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }, scheduler);
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        events.shutdownNow();
    }

    // ---- internals

    private Service service(String name, boolean required) {
        Service service = services.get(name);
        if (service == null && required) {
            throw new IllegalArgumentException("unknown service '" + name + "'");
        }
        return service;
    }

    private ServiceEvent begin(String name, Service service, ServiceEvent.Type type) {
        ServiceState previous = service.state;
        service.state = ServiceState.RUNNING;
        service.starts++;
        service.alive++;
        service.maxAlive = Math.max(service.maxAlive, service.alive);
        Object run = new Object();
        service.run = run;
        if (service.runTime != null) {
            scheduler.schedule(() -> endRun(name, run, ExitStatus.exited(0)), service.runTime.toMillis(), TimeUnit.MILLISECONDS);
        }
        return event(type, name, previous, ServiceState.RUNNING, null);
    }

    private void endRun(String name, Object run, ExitStatus status) {
        synchronized (this) {
            Service service = services.get(name);
            if (service == null || service.run != run) {
                return;
            }
        }
        end(name, null, status);
    }

    private void end(String name, ServiceState forced, ExitStatus status) {
        ServiceEvent event;
        synchronized (this) {
            Service service = service(name, true);
            if (!service.state.isAlive()) {
                return;
            }
            ServiceState previous = service.state;
            boolean success = !status.isSignal() ? service.spec.isSuccess(status.exitCode()) : status.signal() == Signal.TERM.number();
            service.state = forced != null ? forced : success ? ServiceState.FINISHED : ServiceState.CRASHED;
            service.alive--;
            service.run = null;
            ServiceEvent.Type type = service.state == ServiceState.CRASHED ? ServiceEvent.Type.CRASHED : ServiceEvent.Type.FINISHED;
            event = event(type, name, previous, service.state, status);
        }
        publish(event);
    }

    private ServiceEvent event(ServiceEvent.Type type, String name, ServiceState previous, ServiceState state, ExitStatus exit) {
        Service service = services.get(name);
        int restarts = service == null ? 0 : service.restarts;
        return new ServiceEvent(type, name, previous, state, exit, restarts, 0, type.name().toLowerCase(Locale.ROOT), clock.millis());
    }

    private ServiceInfo info(String name) {
        Service s = services.get(name);
        return new ServiceInfo(name, s.state, s.state.isAlive() ? 4242 : 0, s.spec.commandLine(), s.restarts, s.restarts, 0,
                false, -1, null, null, 0, 0, s.stats, new LinkedHashMap<>(s.details));
    }

    private static ThreadFactory daemonThreads(String name) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The events delivered so far are all handled when this returns (events are delivered in order). */
    public void drainEvents() {
        try {
            events.submit(() -> { }).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("event thread stuck", e);
        }
    }

    /** Names of the services, in order of addition. */
    public synchronized List<String> names() {
        return new ArrayList<>(services.keySet());
    }
}
