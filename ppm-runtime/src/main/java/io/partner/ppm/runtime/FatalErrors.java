package io.partner.ppm.runtime;

import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntConsumer;
import java.util.function.Supplier;

/**
 * What the daemon process does when one of its own threads ({@code main} and those named {@code ppm-*})
 * dies of an {@link Error} (a {@link StackOverflowError}, an {@link InternalError}, a {@link LinkageError}
 * from a plugin): whatever that thread carried (the supervisor loop, the reaper, the relay) is gone, and a
 * supervisor that limps on without it breaks its one promise. So the daemon stops every service as on SIGTERM and exits with
 * {@link #EXIT_CODE}; a container's restart policy then starts it afresh. Should that stop not finish
 * within {@code shutdown.timeout} plus a second, the JVM is halted (as PID 1, the kernel then kills
 * whatever is left in the container).
 *
 * <p>An uncaught {@link RuntimeException}, and any failure in a thread the daemon does not own (RMI,
 * Jolokia's HTTP server, a plugin's own thread), is reported in one line and the daemon carries on: the
 * daemon's loops guard their tasks, and a client must not be able to stop the container by breaking a
 * request thread.
 *
 * <p>Heap exhaustion is not handled here: the launcher runs the daemon with
 * {@code -XX:+ExitOnOutOfMemoryError}, which ends the JVM where the error is thrown, even when some
 * library catches it (see docs/supervision.md for the trade-off).
 */
public final class FatalErrors implements Thread.UncaughtExceptionHandler {

    /** The exit code after a fatal error: 70, EX_SOFTWARE of sysexits.h. */
    public static final int EXIT_CODE = 70;
    /** Beyond the shutdown timeout, before the JVM is halted. */
    static final Duration GRACE = Duration.ofSeconds(1);

    private final PrintStream err;
    private final IntConsumer halt;
    private final AtomicBoolean fired = new AtomicBoolean();
    private final CountDownLatch firedLatch = new CountDownLatch(1);
    private volatile IntConsumer shutdown;
    private volatile Supplier<Duration> shutdownTimeout = () -> Duration.ZERO;

    /**
     * @param err where the one line goes
     * @param halt ends the process at once ({@code Runtime.getRuntime()::halt} in the daemon)
     */
    FatalErrors(PrintStream err, IntConsumer halt) {
        this.err = err;
        this.halt = halt;
        // Started now, not when the error comes: a thread may not be creatable then.
        Thread.ofPlatform().name("ppm-fatal-watchdog").daemon().start(this::haltAfterDeadline);
    }

    /** Installs the handler for every thread of this JVM. */
    static FatalErrors install() {
        FatalErrors handler = new FatalErrors(System.err, Runtime.getRuntime()::halt);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        return handler;
    }

    /**
     * From now on a fatal error stops the daemon through {@code shutdown} (given the exit code), and halts
     * the JVM the shutdown timeout plus {@link #GRACE} later if it is still running. Before this call, a
     * fatal error halts at once: nothing is supervised yet.
     *
     * @param shutdownTimeout the daemon's {@code shutdown.timeout} as configured now (a reload may change it)
     */
    void supervise(IntConsumer shutdown, Supplier<Duration> shutdownTimeout) {
        this.shutdownTimeout = shutdownTimeout;
        this.shutdown = shutdown;
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (!(failure instanceof Error) || !ownedByTheDaemon(thread)) {
            err.println("ppm: internal error in thread " + thread.getName() + ": " + describe(failure));
            return;
        }
        if (!fired.compareAndSet(false, true)) {
            return;
        }
        String line = "ppm: fatal: " + describe(failure) + " in thread " + thread.getName() + ": ";
        IntConsumer stop = shutdown;
        if (stop == null) {
            err.println(line + "exiting with code " + EXIT_CODE);
            firedLatch.countDown();
            return;
        }
        // Act first, then speak: writing to a stalled stderr must not hold the stop up.
        firedLatch.countDown();
        stop.accept(EXIT_CODE);
        err.println(line + "stopping every service and exiting with code " + EXIT_CODE);
    }

    private static boolean ownedByTheDaemon(Thread thread) {
        return thread.getName().startsWith("ppm-") || thread.getName().equals("main");
    }

    private void haltAfterDeadline() {
        try {
            firedLatch.await();
            if (shutdown != null) {
                TimeUnit.NANOSECONDS.sleep(shutdownTimeout.get().plus(GRACE).toNanos());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        halt.accept(EXIT_CODE);
    }

    /** The error and where it was thrown, in one line: enough for a bug report, no wall of frames. */
    private static String describe(Throwable failure) {
        StackTraceElement[] frames = failure.getStackTrace();
        String where = frames.length > 0 ? " at " + frames[0] : "";
        String message = failure.getMessage() == null ? "" : ": " + failure.getMessage().lines().findFirst().orElse("");
        return failure.getClass().getName() + message + where;
    }
}
