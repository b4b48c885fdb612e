package io.partner.ppm.runtime.plugin;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A daemon without services that records what plugins tell it: the details they set and the
 * listeners they subscribe. Enough to watch daemon extensions start, stop and receive events.
 * A plugin's details are removed when it is unloaded, so {@link #reported} keeps the last value set.
 */
final class RecordingSupervisorContext implements SupervisorContext, AutoCloseable {

    final Map<String, String> details = new ConcurrentHashMap<>();
    private final Map<String, String> reported = new ConcurrentHashMap<>();
    final List<ServiceEventListener> subscribers = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "test-daemon-timer");
        t.setDaemon(true);
        return t;
    });

    /** The detail as it is now. */
    String detail(String service, String key) {
        return details.get(service + "." + key);
    }

    /** The last value a plugin set for the detail, even when it has been removed since. */
    String reported(String service, String key) {
        return reported.get(service + "." + key);
    }

    void publish(ServiceEvent event) {
        subscribers.forEach(s -> s.onEvent(event));
    }

    @Override
    public List<ServiceInfo> services() {
        return List.of();
    }

    @Override
    public Optional<ServiceInfo> service(String name) {
        return Optional.empty();
    }

    @Override
    public Optional<ServiceSpec> spec(String name) {
        return Optional.empty();
    }

    @Override
    public void start(String name) {
        throw new IllegalArgumentException("unknown service '" + name + "'");
    }

    @Override
    public void stop(String name) {
        throw new IllegalArgumentException("unknown service '" + name + "'");
    }

    @Override
    public void restart(String name) {
        throw new IllegalArgumentException("unknown service '" + name + "'");
    }

    @Override
    public void signal(String name, Signal signal) {
        throw new IllegalArgumentException("unknown service '" + name + "'");
    }

    @Override
    public void add(ServiceSpec spec) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void remove(String name) {
        throw new IllegalArgumentException("unknown service '" + name + "'");
    }

    @Override
    public void setDetail(String service, String key, String value) {
        if (value == null) {
            details.remove(service + "." + key);
        } else {
            details.put(service + "." + key, value);
            reported.put(service + "." + key, value);
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
        return Clock.systemUTC();
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
