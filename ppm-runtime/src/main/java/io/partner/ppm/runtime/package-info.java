/**
 * The daemon as one object: {@link io.partner.ppm.runtime.Daemon} wires the packages below it (process
 * layer, log relay, supervisor, stats, plugins, management endpoints) and runs their life cycle, from
 * reading the configuration to the last step of the shutdown; {@link io.partner.ppm.runtime.DaemonMain}
 * runs it for {@code ppm daemon}.
 *
 * <p>Threads: signal handlers run on a JVM signal thread and only hand work on; {@code ppm-timer-0}
 * looks at the plugin folder; {@link io.partner.ppm.runtime.ShutdownDeadline} has a thread of its own. Nothing here owns service
 * state or decides about a service: that is the supervisor's, and this package only passes requests on.
 */
package io.partner.ppm.runtime;
