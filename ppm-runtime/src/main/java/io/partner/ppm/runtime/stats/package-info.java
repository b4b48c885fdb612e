/**
 * Resource usage: per-service process trees ({@link io.partner.ppm.runtime.stats.ProcessSampler}),
 * the daemon itself ({@link io.partner.ppm.runtime.stats.DaemonSampler}), the container and host
 * ({@link io.partner.ppm.runtime.stats.ContainerSampler}), recent history
 * ({@link io.partner.ppm.runtime.stats.StatsHistory}) and formatting for people
 * ({@link io.partner.ppm.runtime.stats.StatsFormat}). Which processes belong to a service is decided
 * in the process layer ({@link io.partner.ppm.runtime.process.ServiceMembership}), by the rule a stop uses.
 *
 * <p>Everything is read from /proc and cgroup files; nothing here starts a command (the daemon is
 * PID 1 and reaps every child, see DESIGN.md) or needs native code.
 */
package io.partner.ppm.runtime.stats;
