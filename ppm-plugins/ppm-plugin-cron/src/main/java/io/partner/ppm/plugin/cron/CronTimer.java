package io.partner.ppm.plugin.cron;

import java.time.Duration;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** Runs a task after a delay: the daemon's timer, or a hand-driven one in tests. */
interface CronTimer {

    Future<?> schedule(Runnable task, Duration delay);

    static CronTimer of(ScheduledExecutorService executor) {
        return (task, delay) -> executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
    }
}
