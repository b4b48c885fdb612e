/**
 * The PPM service model: what a service is ({@link io.partner.ppm.api.ServiceSpec}), the five
 * states it can be in ({@link io.partner.ppm.api.ServiceState}), how it ended
 * ({@link io.partner.ppm.api.ExitStatus}), what the daemon reports about it
 * ({@link io.partner.ppm.api.ServiceInfo}, {@link io.partner.ppm.api.ServiceStats},
 * {@link io.partner.ppm.api.ServiceHistory}, summed up by {@link io.partner.ppm.api.Trend}) and the
 * events it goes through ({@link io.partner.ppm.api.ServiceEvent}). Durations and sizes are written
 * and read in one grammar everywhere, by {@link io.partner.ppm.api.Durations} and
 * {@link io.partner.ppm.api.Sizes}.
 *
 * <p>Every type here is immutable. The records that cross JMX map to open types (CompositeData)
 * and back through their canonical constructors, so the CLI, plugins and any Java client share them.
 */
package io.partner.ppm.api;
