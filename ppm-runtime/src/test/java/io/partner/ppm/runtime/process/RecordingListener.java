package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Keeps the events of one child in arrival order, for tests to wait on. */
final class RecordingListener implements ChildListener {

    static final Duration DEADLINE = Duration.ofSeconds(30);

    private final BlockingQueue<ChildEvent> events = new LinkedBlockingQueue<>();

    @Override
    public void onChildEvent(ChildEvent event) {
        events.add(event);
    }

    /** The next event, failing the test if none comes before the deadline. */
    ChildEvent next() throws InterruptedException {
        ChildEvent event = events.poll(DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(event).as("a child event within %s", DEADLINE).isNotNull();
        return event;
    }

    /** Skips to the event that ends the process. */
    ChildEvent termination() throws InterruptedException {
        ChildEvent event = next();
        while (!event.isTermination()) {
            event = next();
        }
        return event;
    }
}
