package io.partner.ppm.api;

import java.util.Map;

/**
 * What the daemon reports about one service at a moment.
 *
 * @param name the service name
 * @param state its state
 * @param pid the process id while alive, else 0
 * @param command the command line, for display
 * @param restarts consecutive automatic restarts so far (reset after {@code reset_after} of running)
 * @param totalRestarts every automatic restart since the service was added
 * @param nextRestartAt epoch milliseconds of the scheduled restart, 0 when none is waiting
 * @param gaveUp true when the restart budget is exhausted and the service stays crashed
 * @param lastExitCode exit code of the last run, -1 when none or killed by a signal
 * @param lastSignal name of the signal that killed the last run ({@code KILL}), or null
 * @param reason one line on why the service is in its state, e.g.
 *     {@code exec failed: /app/bin/x: No such file or directory}
 * @param startedAt epoch milliseconds when the current (or last) run started, 0 if never
 * @param uptimeMillis how long the current run has been alive, 0 when not alive
 * @param stats the latest resource sample
 * @param details further facts contributed by plugins, e.g. {@code next_runs} of the cron plugin
 */
public record ServiceInfo(
        String name,
        ServiceState state,
        long pid,
        String command,
        int restarts,
        int totalRestarts,
        long nextRestartAt,
        boolean gaveUp,
        int lastExitCode,
        String lastSignal,
        String reason,
        long startedAt,
        long uptimeMillis,
        ServiceStats stats,
        Map<String, String> details) {

    public ServiceInfo {
        details = details == null ? Map.of() : Map.copyOf(details);
        stats = stats == null ? ServiceStats.NONE : stats;
    }
}
