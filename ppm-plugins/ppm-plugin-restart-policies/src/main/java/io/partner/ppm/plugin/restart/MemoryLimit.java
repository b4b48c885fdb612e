package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.spi.ConfigValues;
import io.partner.ppm.api.spi.DaemonExtension;
import io.partner.ppm.api.spi.SupervisorContext;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.pf4j.Extension;

/**
 * {@code max_memory: 512MB}: restarts a running service whose whole process tree uses more resident
 * memory than that. It looks at each service's latest stats sample on the daemon's timer and acts at
 * most once per sample, so a service is never restarted twice on the same (stale) measurement. The
 * number of such restarts shows in the service's details as {@code memory_restarts}.
 */
@Extension
public class MemoryLimit implements DaemonExtension {

    static final String KEY = "max_memory";
    private static final long BYTES_PER_MIB = 1L << 20;
    private static final System.Logger LOG = System.getLogger(MemoryLimit.class.getName());

    private final Duration period;
    private final Map<String, Long> lastSampleActedOn = new ConcurrentHashMap<>();
    private final Map<String, Integer> restarts = new ConcurrentHashMap<>();
    private volatile SupervisorContext context;
    private ScheduledFuture<?> task;

    /** Looks as often as the daemon samples by default (5 s): a look in between would find the same figures. */
    public MemoryLimit() {
        this(Duration.ofSeconds(5));
    }

    /** @param period how often the latest samples are looked at */
    MemoryLimit(Duration period) {
        this.period = period;
    }

    @Override
    public synchronized void start(SupervisorContext supervisor) {
        this.context = supervisor;
        task = supervisor.scheduler().scheduleWithFixedDelay(this::checkSafely, period.toMillis(), period.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    private void checkSafely() {
        try {
            check();
        } catch (RuntimeException e) {
            // A timer task that throws is never run again: keep the check alive.
            LOG.log(Level.WARNING, "memory limit check failed: " + e);
        }
    }

    void check() {
        for (ServiceInfo info : context.services()) {
            ServiceSpec spec = context.spec(info.name()).orElse(null);
            Object limit = spec == null ? null : spec.extensions().get(KEY);
            if (limit != null && info.state() == ServiceState.RUNNING) {
                checkOne(info, ConfigValues.positiveSize(limit, KEY));
            }
        }
    }

    private void checkOne(ServiceInfo info, long limit) {
        long sampledAt = info.stats().sampledAt();
        if (sampledAt == 0 || info.stats().rssBytes() <= limit
                || sampledAt <= lastSampleActedOn.getOrDefault(info.name(), 0L)
                || sampledAt < info.startedAt()) {
            return;
        }
        lastSampleActedOn.put(info.name(), sampledAt);
        int count = restarts.merge(info.name(), 1, Integer::sum);
        LOG.log(Level.WARNING, "service " + info.name() + " uses " + mib(info.stats().rssBytes()) + " MiB, over its max_memory of "
                + mib(limit) + " MiB: restarting it");
        try {
            context.restart(info.name());
            context.setDetail(info.name(), "memory_restarts", Integer.toString(count));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The service went away or changed state between the look and the restart: nothing to do.
            LOG.log(Level.DEBUG, "memory limit restart of " + info.name() + " skipped: " + e.getMessage());
        }
    }

    private static long mib(long bytes) {
        return bytes / BYTES_PER_MIB;
    }
}
