/**
 * The restart-policies plugin: {@code restart: fixed}, {@code linear}, {@code exponential-jitter} and
 * {@code window}, and {@code max_memory} (a service whose process tree grows past it is restarted).
 * Every policy behaves like {@code on-failure} (a crashed service is restarted, a finished one is not)
 * and differs in the delay or in when it gives up.
 */
package io.partner.ppm.plugin.restart;
