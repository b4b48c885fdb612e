package io.partner.ppm.plugin.restart;

import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.pf4j.Extension;

/**
 * {@code restart: window}: restarts a crashed service with the on-failure delays, and gives up at its
 * {@code restart_window.max_crashes}-th crash within {@code restart_window.within}.
 * The window slides: crashes older than {@code within} no longer count, so the budget refills while the
 * service runs (or after a manual start, once the old crashes have aged out). {@code backoff.max_restarts}
 * is not used by this policy.
 */
@Extension
public class CrashWindowPolicy implements RestartPolicy {

    /** Crash times per service, oldest first; only touched by the supervisor loop, one service at a time. */
    private final Map<String, Deque<Instant>> crashes = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "window";
    }

    @Override
    public RestartDecision decide(RestartContext context) {
        if (!context.crashed()) {
            return RestartDecision.none();
        }
        CrashWindow window = CrashWindow.parse(context.spec().extensions().get(CrashWindow.KEY));
        Deque<Instant> recent = crashes.computeIfAbsent(context.spec().name(), name -> new ArrayDeque<>());
        synchronized (recent) {
            Instant horizon = context.now().minus(window.within());
            while (!recent.isEmpty() && !recent.peekFirst().isAfter(horizon)) {
                recent.pollFirst();
            }
            recent.addLast(context.now());
            if (recent.size() >= window.maxCrashes()) {
                return RestartDecision.giveUp();
            }
        }
        return RestartDecision.restartAfter(context.spec().backoff().delayBefore(context.consecutiveRestarts() + 1));
    }
}
