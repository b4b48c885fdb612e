/**
 * Extension points for plugins, and the {@link io.partner.ppm.api.spi.SupervisorContext} through which
 * a plugin reads and drives the daemon.
 *
 * <p>Every interface here has default methods where it can, so adding a method later does not break
 * existing plugins. Callbacks run on the daemon's event thread unless documented otherwise: they must
 * return quickly and hand long work to {@link io.partner.ppm.api.spi.SupervisorContext#scheduler()}.
 */
package io.partner.ppm.api.spi;
