package io.partner.ppm.runtime.stats;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceStats;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Samples every service on {@code daemon.stats.interval} and on demand, and the daemon and the
 * container when their figures are read (at most once an interval), on its own {@code ppm-stats} thread (the samplers keep state between rounds and are not
 * thread-safe). The results go to the supervisor (per service) and are kept here (daemon, container,
 * history).
 *
 * <p>CPU % is the CPU time used since the previous round over the time between the two, so every
 * round, periodic or on demand, starts the next one's interval. A periodic round that comes less
 * than half an interval after another round is skipped: measured over a sliver of time (clock ticks
 * are 10 ms) its CPU % would mostly be noise, and the history would get two samples of one moment.
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
    /** Monotonic time of the latest round; read and written on the stats thread only. */
    private long lastRoundNanos;
    private boolean sampled;
    /** Monotonic time of the latest daemon and container sample, 0 before the first. */
    private volatile long daemonAndContainerNanos;

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
        thread.scheduleWithFixedDelay(this::periodicRound, 0, millis, TimeUnit.MILLISECONDS);
    }

    /** Samples the services, the daemon and the container now; returns when done (at most a few seconds). */
    public void sampleNow() {
        onStatsThread(() -> {
            sampleQuietly();
            sampleDaemonAndContainer();
        });
    }

    /** The daemon's figures, sampled when read if the last sample is older than an interval. */
    public DaemonStats daemonStats() {
        refreshDaemonAndContainerIfStale();
        return daemonStats;
    }

    /** The container's and host's figures, sampled when read if the last sample is older than an interval. */
    public ContainerStats containerStats() {
        refreshDaemonAndContainerIfStale();
        return containerStats;
    }

    /**
     * The daemon and container figures are only read by people (ppm stats, ppm info, JConsole), so they
     * are sampled when asked for rather than on every round: an idle daemon does less.
     */
    private void refreshDaemonAndContainerIfStale() {
        long last = daemonAndContainerNanos;
        if (last != 0 && System.nanoTime() - last < interval.toNanos()) {
            return;
        }
        onStatsThread(this::sampleDaemonAndContainer);
    }

    private void sampleDaemonAndContainer() {
        try {
            daemonStats = daemon.sample();
            containerStats = container.sample();
            daemonAndContainerNanos = System.nanoTime();
        } catch (RuntimeException e) {
            System.getLogger(StatsCollector.class.getName()).log(System.Logger.Level.WARNING, "stats sampling failed", e);
        }
    }

    /** Runs {@code work} on the stats thread (the samplers are not thread-safe) and waits a few seconds at most. */
    private void onStatsThread(Runnable work) {
        try {
            thread.submit(work).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | RejectedExecutionException e) {
            // A report a little stale is better than none.
        }
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

    private void periodicRound() {
        if (sampled && System.nanoTime() - lastRoundNanos < interval.toNanos() / 2) {
            return;
        }
        sampleQuietly();
    }

    /** One round; a failure is not allowed to end the periodic sampling. */
    private void sampleQuietly() {
        sampled = true;
        lastRoundNanos = System.nanoTime();
        try {
            Map<String, ServiceStats> round = processes.sample(leaders.get());
            history.record(round);
            sink.accept(round);
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
