package io.partner.ppm.plugin.cron;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.spi.SupervisorContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * One schedule of one service: at each fire time it starts the service ({@link Action#RUN}) or
 * restarts it ({@link Action#RESTART}), then arms itself for the next fire time and publishes the
 * next few as a detail of the service.
 *
 * <p>A run is never started while the previous one is still going: that fire time is skipped, counted
 * ({@code skipped_runs}) and logged. Fire times missed while the daemon was busy or suspended are not
 * caught up: the job continues with the next one after now.
 */
final class CronJob {

    private static final System.Logger LOG = System.getLogger(CronJob.class.getName());
    static final int RUNS_SHOWN = 3;

    enum Action {
        RUN("next_runs"), RESTART("next_restarts");

        final String detail;

        Action(String detail) {
            this.detail = detail;
        }
    }

    private final String service;
    private final Action action;
    private final CronSchedule schedule;
    private final SupervisorContext context;
    private final Clock clock;
    private final CronTimer timer;
    private Instant planned;
    private Future<?> pending;
    private int skipped;
    private boolean cancelled;

    CronJob(String service, Action action, CronSchedule schedule, SupervisorContext context, CronTimer timer) {
        this.service = service;
        this.action = action;
        this.schedule = schedule;
        this.context = context;
        this.clock = context.clock();
        this.timer = timer;
    }

    /** Plans the next fire time after now. */
    synchronized void arm() {
        if (cancelled) {
            return;
        }
        Instant now = clock.instant();
        // Never plan the same fire time twice, even when the timer woke up a little early.
        Instant from = planned != null && planned.isAfter(now) ? planned : now;
        Optional<ZonedDateTime> next = schedule.nextAfter(from);
        publish(from);
        if (next.isEmpty()) {
            planned = null;
            return;
        }
        planned = next.get().toInstant();
        pending = timer.schedule(this::fire, Duration.between(now, planned));
    }

    synchronized void cancel() {
        cancelled = true;
        if (pending != null) {
            pending.cancel(false);
        }
        try {
            context.setDetail(service, action.detail, null);
        } catch (IllegalArgumentException e) {
            // The service is already gone, and its details with it.
        }
    }

    int skipped() {
        return skipped;
    }

    private void fire() {
        synchronized (this) {
            if (cancelled) {
                return;
            }
        }
        try {
            act();
        } catch (RuntimeException e) {
            // The next fire time must still be planned, whatever happened to this one.
            LOG.log(Level.WARNING, "cron: " + action.name().toLowerCase(Locale.ROOT) + " of " + service + " failed: " + e.getMessage());
        }
        arm();
    }

    private void act() {
        if (action == Action.RESTART) {
            LOG.log(Level.INFO, "cron: restarting " + service);
            context.restart(service);
            return;
        }
        Optional<ServiceInfo> info = context.service(service);
        if (info.isEmpty()) {
            return;
        }
        if (info.get().state().isAlive()) {
            skip();
            return;
        }
        try {
            context.start(service);
        } catch (IllegalStateException e) {
            // Started by someone else between the look and the start: still a run going.
            skip();
        }
    }

    private void skip() {
        int count;
        synchronized (this) {
            count = ++skipped;
        }
        LOG.log(Level.INFO, "cron: " + service + " is still running, skipped the run of " + planned + " (" + count + " skipped)");
        context.setDetail(service, "skipped_runs", Integer.toString(count));
    }

    private void publish(Instant from) {
        List<ZonedDateTime> runs = schedule.nextRuns(from, RUNS_SHOWN);
        String text = runs.isEmpty() ? null : runs.stream()
                .map(t -> t.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME))
                .collect(Collectors.joining(", "));
        try {
            context.setDetail(service, action.detail, text);
        } catch (IllegalArgumentException e) {
            // The service was removed; its REMOVED event cancels this job.
        }
    }
}
