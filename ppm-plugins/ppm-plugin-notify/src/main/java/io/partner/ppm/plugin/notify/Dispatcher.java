package io.partner.ppm.plugin.notify;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.spi.SupervisorContext;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Delivers notifications on the plugin's own threads, each target on its own, trying again after
 * {@code backoff}, {@code 2 * backoff}, ... up to {@code retries} times. A webhook attempt succeeds
 * with a 2xx answer; a command attempt with exit code 0.
 */
final class Dispatcher {

    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final ScheduledThreadPoolExecutor executor;
    private volatile SupervisorContext context;

    Dispatcher() {
        AtomicInteger count = new AtomicInteger();
        executor = new ScheduledThreadPoolExecutor(2, r -> {
            Thread thread = new Thread(r, "ppm-notify-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Idle threads go away: a daemon without notifications keeps none.
        executor.setKeepAliveTime(30, TimeUnit.SECONDS);
        executor.allowCoreThreadTimeOut(true);
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Command targets run through the daemon's context; without one they fail. */
    void useContext(SupervisorContext value) {
        this.context = value;
    }

    void send(Target target, Notification notification) {
        schedule(target, notification, 0, Duration.ZERO);
    }

    void shutdown() {
        executor.shutdownNow();
    }

    private void schedule(Target target, Notification notification, int attempt, Duration delay) {
        if (executor.isShutdown()) {
            return;
        }
        executor.schedule(() -> attempt(target, notification, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void attempt(Target target, Notification notification, int attempt) {
        if (target.url() != null) {
            try {
                int status = Webhook.post(target.url(), target.headers(), notification.json(target.slack()), target.timeout());
                if (status / 100 == 2) {
                    return;
                }
                failed(target, notification, attempt, "HTTP " + status);
            } catch (IOException | RuntimeException e) {
                failed(target, notification, attempt, e.toString());
            }
        } else {
            runCommand(target, notification, attempt);
        }
    }

    private void runCommand(Target target, Notification notification, int attempt) {
        SupervisorContext daemon = context;
        if (daemon == null) {
            failed(target, notification, attempt, "the daemon is not running yet");
            return;
        }
        daemon.runCommand(target.command(), notification.env(), target.timeout()).whenComplete((exit, error) -> {
            if (error != null) {
                failed(target, notification, attempt, error.getMessage());
            } else if (!isSuccess(exit)) {
                failed(target, notification, attempt, exit.describe());
            }
        });
    }

    private static boolean isSuccess(ExitStatus exit) {
        return !exit.isSignal() && exit.exitCode() == 0;
    }

    private void failed(Target target, Notification notification, int attempt, String why) {
        if (attempt < target.retries()) {
            Duration delay = target.delayBeforeRetry(attempt + 1);
            LOG.log(Level.INFO, "notify: " + notification.event() + " of " + notification.service() + " to "
                    + target.label() + " failed (" + why + "), trying again in " + delay.toMillis() + " ms");
            schedule(target, notification, attempt + 1, delay);
        } else {
            LOG.log(Level.WARNING, "notify: " + notification.event() + " of " + notification.service() + " to "
                    + target.label() + " failed (" + why + ") after " + (attempt + 1) + " attempt(s); dropped");
        }
    }
}
