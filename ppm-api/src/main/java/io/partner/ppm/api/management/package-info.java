/**
 * The management interface of PPM: the MXBeans the daemon registers ({@link
 * io.partner.ppm.api.management.DaemonMXBean}, {@link io.partner.ppm.api.management.ServiceMXBean},
 * {@link io.partner.ppm.api.management.PluginMXBean}), their names ({@link
 * io.partner.ppm.api.management.ObjectNames}) and the records they return.
 *
 * <p>Every type maps to JMX open types, so JConsole, VisualVM and Jolokia show them without PPM's
 * classes, and a Java client gets the records back through {@link javax.management.JMX#newMXBeanProxy}.
 * The {@code ppm} command line uses exactly these interfaces.
 */
package io.partner.ppm.api.management;
