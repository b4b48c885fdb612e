package io.partner.ppm.plugin.cron;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A clock and a timer moved by the test: {@link #advanceTo} runs every task that falls due, in order, at its time. */
final class ManualTimer extends Clock implements CronTimer {

    private record Task(Instant due, Runnable action, CompletableFuture<Void> handle) {
    }

    private final List<Task> tasks = new ArrayList<>();
    private volatile Instant now;

    ManualTimer(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Future<?> schedule(Runnable action, Duration delay) {
        CompletableFuture<Void> handle = new CompletableFuture<>();
        tasks.add(new Task(now.plus(delay), action, handle));
        return handle;
    }

    /** Moves time forward to {@code target}, running the tasks due on the way. */
    void advanceTo(Instant target) {
        while (true) {
            Task next;
            synchronized (this) {
                tasks.removeIf(t -> t.handle().isCancelled());
                next = tasks.stream().filter(t -> !t.due().isAfter(target)).min(Comparator.comparing(Task::due)).orElse(null);
                if (next == null) {
                    now = target;
                    return;
                }
                tasks.remove(next);
                if (next.due().isAfter(now)) {
                    now = next.due();
                }
            }
            next.action().run();
            next.handle().complete(null);
        }
    }

    void advance(Duration duration) {
        advanceTo(now.plus(duration));
    }

    synchronized int pending() {
        tasks.removeIf(t -> t.handle().isCancelled());
        return tasks.size();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
        return now;
    }
}
