package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Samples every service, the daemon and the container on {@code daemon.stats.interval}, and on
 * demand, on its own {@code ppm-stats} thread (the samplers keep state between rounds and are not
 * thread-safe). The results go to the supervisor (per service) and are kept here (daemon, container,
 * history).
 */
public final class StatsCollector implements AutoCloseable {

    private final Supplier<Map<String, Long>> leaders;
    private final Consumer<Map<String, ServiceStats>> sink;
    private final Duration interval;
    private final ScheduledExecutorService thread =
            Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("ppm-stats").daemon().factory());
    private final ProcessSampler processes = new ProcessSampler();
    private final DaemonSampler daemon = new DaemonSampler();
    private final ContainerSampler container = new ContainerSampler();
    private final StatsHistory history = new StatsHistory();
    private volatile DaemonStats daemonStats = DaemonStats.NONE;
    private volatile ContainerStats containerStats;

    /**
     * @param leaders service name to the pid of its live process
     * @param sink receives each round's per-service samples
     */
    public StatsCollector(Duration interval, Supplier<Map<String, Long>> leaders, Consumer<Map<String, ServiceStats>> sink) {
        this.interval = interval;
        this.leaders = leaders;
        this.sink = sink;
    }

    public void start() {
        long millis = Math.max(1, interval.toMillis());
        thread.scheduleWithFixedDelay(this::sampleQuietly, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Samples now and returns when the round is done (at most a few seconds). */
    public void sampleNow() {
        try {
            thread.submit(this::sampleQuietly).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | java.util.concurrent.RejectedExecutionException e) {
            // The periodic round will catch up; a report a little stale is better than none.
        }
    }

    public DaemonStats daemonStats() {
        return daemonStats;
    }

    public ContainerStats containerStats() {
        return containerStats;
    }

    public ServiceHistory history(String service) {
        double[] rss = history.rssBytes(service);
        long[] rssBytes = new long[rss.length];
        for (int i = 0; i < rss.length; i++) {
            rssBytes[i] = (long) rss[i];
        }
        return new ServiceHistory(service, history.cpuPercent(service), rssBytes, interval.toMillis());
    }

    public void forget(String service) {
        history.forget(service);
    }

    /** One round; a failure is not allowed to end the periodic sampling. */
    private void sampleQuietly() {
        try {
            Map<String, ServiceStats> round = processes.sample(leaders.get());
            history.record(round);
            sink.accept(round);
            daemonStats = daemon.sample();
            containerStats = container.sample();
        } catch (RuntimeException e) {
            System.getLogger(StatsCollector.class.getName()).log(System.Logger.Level.WARNING, "stats sampling failed", e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        processes.close();
    }
}
