package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.spi.ServiceEventListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Delivers service events to listeners, in order, on one {@code ppm-events} thread, so that the
 * supervisor loop never waits for a listener and a listener that throws harms no one else.
 */
public final class EventBus implements AutoCloseable {

    private final List<ServiceEventListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService executor = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().name("ppm-events").daemon().factory());
    private final Consumer<String> log;

    public EventBus(Consumer<String> log) {
        this.log = log;
    }

    public AutoCloseable subscribe(ServiceEventListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void publish(ServiceEvent event) {
        try {
            executor.execute(() -> deliver(event));
        } catch (RejectedExecutionException closed) {
            // The daemon is shutting down; late events have no audience.
        }
    }

    private void deliver(ServiceEvent event) {
        for (ServiceEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException | LinkageError e) {
                log.accept("event listener " + listener.getClass().getName() + " failed on " + event.type()
                        + " of " + event.service() + ": " + e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdown();
    }
}
