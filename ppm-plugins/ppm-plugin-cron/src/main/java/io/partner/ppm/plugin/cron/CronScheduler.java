package io.partner.ppm.plugin.cron;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.spi.DaemonExtension;
import io.partner.ppm.api.spi.SupervisorContext;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * Plans the cron jobs of every service with a {@code schedule} or {@code cron_restart}, and plans
 * again as services are added, changed by a reload, or removed.
 */
@Extension
public class CronScheduler implements DaemonExtension {

    private static final System.Logger LOG = System.getLogger(CronScheduler.class.getName());

    private record Planned(CronSettings settings, List<CronJob> jobs) {
    }

    private final CronTimer fixedTimer;
    private final Map<String, Planned> planned = new HashMap<>();
    private SupervisorContext context;
    private CronTimer timer;
    private AutoCloseable subscription;

    public CronScheduler() {
        this(null);
    }

    /** @param timer the timer to use instead of the daemon's (tests drive time by hand) */
    CronScheduler(CronTimer timer) {
        this.fixedTimer = timer;
    }

    @Override
    public synchronized void start(SupervisorContext supervisor) {
        this.context = supervisor;
        this.timer = fixedTimer != null ? fixedTimer : CronTimer.of(supervisor.scheduler());
        subscription = supervisor.subscribe(this::onEvent);
        for (var service : supervisor.services()) {
            plan(service.name());
        }
    }

    @Override
    public synchronized void stop() {
        try {
            if (subscription != null) {
                subscription.close();
            }
        } catch (Exception e) {
            LOG.log(Level.WARNING, "cron: unsubscribing failed: " + e);
        }
        for (String name : new ArrayList<>(planned.keySet())) {
            unplan(name);
        }
    }

    /** How many runs of the service were skipped because the previous one was still going. */
    synchronized int skipped(String service) {
        Planned p = planned.get(service);
        return p == null ? 0 : p.jobs().stream().mapToInt(CronJob::skipped).sum();
    }

    private synchronized void onEvent(ServiceEvent event) {
        switch (event.type()) {
            case ADDED, CHANGED -> plan(event.service());
            case REMOVED -> unplan(event.service());
            default -> {
                // Starts and ends do not change the plan.
            }
        }
    }

    private void plan(String name) {
        ServiceSpec spec = context.spec(name).orElse(null);
        CronSettings settings;
        try {
            settings = spec == null ? null : CronSettings.of(spec);
        } catch (IllegalArgumentException e) {
            // Validated with the configuration; a service added some other way may still be wrong.
            LOG.log(Level.WARNING, "cron: service " + name + " not scheduled: " + e.getMessage());
            settings = null;
        }
        Planned current = planned.get(name);
        if (current != null && current.settings().sameAs(settings)) {
            return;
        }
        unplan(name);
        if (settings == null) {
            return;
        }
        List<CronJob> jobs = new ArrayList<>();
        if (settings.schedule() != null) {
            jobs.add(new CronJob(name, CronJob.Action.RUN, settings.schedule(), context, timer));
        }
        if (settings.restart() != null) {
            jobs.add(new CronJob(name, CronJob.Action.RESTART, settings.restart(), context, timer));
        }
        planned.put(name, new Planned(settings, jobs));
        jobs.forEach(CronJob::arm);
    }

    private void unplan(String name) {
        Planned old = planned.remove(name);
        if (old != null) {
            old.jobs().forEach(CronJob::cancel);
        }
    }
}
