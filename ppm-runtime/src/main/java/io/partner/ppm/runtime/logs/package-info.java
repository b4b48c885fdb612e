/**
 * Service output and the daemon's own messages: {@link io.partner.ppm.runtime.logs.LogRelay} relays
 * every service's stdout and stderr line by line to the daemon's output (text or JSON lines), keeps
 * each service's recent lines for {@code ppm logs} and writes the optional rotated log file;
 * {@link io.partner.ppm.runtime.logs.DaemonLogHandler} routes library and plugin logging the same way.
 *
 * <p>Threads: one {@code ppm-relay-poller} waits on every service pipe with {@code epoll}; other
 * streams get a {@code ppm-log-reader-*} thread; the daemon's messages go out on
 * {@code ppm-daemon-messages}. A line is never lost, split across another line or reordered, and a
 * stalled output must never hold up the supervisor loop. Nothing here knows about service states.
 */
package io.partner.ppm.runtime.logs;
