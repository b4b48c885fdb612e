/**
 * Plugins: {@link io.partner.ppm.runtime.plugin.PluginHost} loads every jar of the plugin folder with
 * PF4J (after reading its classes for calls that could end the daemon or start processes), watches the
 * folder, and sorts each plugin's extensions by extension point; each plugin gets a
 * {@link io.partner.ppm.api.spi.SupervisorContext} of its own, so that what it registers through it can
 * be released when it is unloaded.
 *
 * <p>Threads: plugin code runs only on the plugin's own threads ({@code ppm-plugin-ID} for its life
 * cycle, configuration calls and events, {@code ppm-plugin-ID-policy} for restart decisions,
 * {@code ppm-plugin-ID-timer} for the tasks it schedules), every call from the daemon with a deadline
 * ({@link io.partner.ppm.runtime.plugin.PluginCalls}). No daemon thread may run plugin code directly:
 * a plugin that throws an Error, overruns or falls behind fails alone.
 */
package io.partner.ppm.runtime.plugin;
