package io.partner.ppm.runtime.supervisor;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@code ppm-supervisor} thread: the one thread that changes service state. Requests from other
 * threads (users, signals) run ahead of the work already queued; every piece of work is guarded, so
 * what it throws is reported in one line and the loop carries on.
 */
final class SupervisorLoop implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final ScheduledThreadPoolExecutor executor;
    private final Thread thread;
    private final Consumer<String> log;
    private final AtomicLong failures = new AtomicLong();
    /** Requests from other threads, run before any other work of the loop; see {@link #urgent}. */
    private final ConcurrentLinkedQueue<Runnable> requests = new ConcurrentLinkedQueue<>();

    SupervisorLoop(Consumer<String> log) {
        this.log = log;
        Thread[] holder = new Thread[1];
        this.executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread created = Thread.ofPlatform().name("ppm-supervisor").daemon().unstarted(runnable);
            holder[0] = created;
            return created;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.prestartCoreThread();
        this.thread = holder[0];
    }

    /**
     * Runs {@code task} on the loop and waits for it (directly when already on the loop), rethrowing
     * its {@link RuntimeException}; a loop that does not answer within 30 s is reported as such.
     */
    <T> T call(Callable<T> task) {
        try {
            if (Thread.currentThread() == thread) {
                return task.call();
            }
            FutureTask<T> request = new FutureTask<>(task);
            urgent(request);
            return request.get(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the supervisor");
        } catch (TimeoutException e) {
            throw new IllegalStateException("the supervisor did not answer within " + CALL_TIMEOUT.toSeconds() + " s");
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    /**
     * Runs {@code request} on the loop ahead of the work already queued: every piece of the loop's
     * work first runs the requests waiting, so a user's stop or the daemon's shutdown waits for one
     * piece of work at most, not behind the restarts of a hundred crash-looping services.
     *
     * @throws RejectedExecutionException once the loop is closed
     */
    void urgent(Runnable request) {
        requests.add(request);
        executor.execute(this::runRequests);
    }

    /** Hands work to the loop from another thread (the reaper); dropped once the loop is closed. */
    void post(String what, Runnable work) {
        try {
            executor.execute(guarded(what, work));
        } catch (RejectedExecutionException closed) {
            // Shutting down: nobody is left to act on it.
        }
    }

    ScheduledFuture<?> schedule(String what, Runnable work, Duration delay) {
        return executor.schedule(guarded(what, work), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    ScheduledFuture<?> every(String what, Runnable work, Duration period) {
        long millis = period.toMillis();
        return executor.scheduleWithFixedDelay(guarded(what, work), millis, millis, TimeUnit.MILLISECONDS);
    }

    /** How many pieces of the loop's work failed with an unexpected exception (see {@link #guarded}). */
    long failures() {
        return failures.get();
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private void runRequests() {
        for (Runnable request = requests.poll(); request != null; request = requests.poll()) {
            try {
                request.run();
            } catch (RuntimeException | Error e) {
                failures.incrementAndGet();
                log.accept("internal error while handling a request (supervision goes on): " + e);
            }
        }
    }

    /**
     * Work for the loop that cannot end the loop's schedule: whatever it throws is reported in one line
     * and the loop carries on. Without this an executor drops the exception silently, and a periodic
     * task (the stop poller, which sends SIGKILL at {@code stop_timeout} and drives the shutdown) would
     * never run again.
     */
    private Runnable guarded(String what, Runnable work) {
        return () -> {
            runRequests();
            try {
                work.run();
            } catch (RuntimeException | Error e) {
                failures.incrementAndGet();
                log.accept("internal error while " + what + " (supervision goes on): " + e);
            }
        };
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException(cause.getMessage(), cause);
    }
}
