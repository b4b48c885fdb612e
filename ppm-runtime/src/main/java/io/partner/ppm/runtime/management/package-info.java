/**
 * The daemon's management side: the MXBeans of {@code io.partner.ppm.api.management} implemented as thin
 * adapters over {@link io.partner.ppm.runtime.DaemonControl}, the JMX RMI connector, the embedded
 * Jolokia agent behind its guard and restrictor, who may read and who may control, and the runtime file
 * through which {@code ppm} finds the daemon. {@link io.partner.ppm.runtime.management.ManagementServer}
 * starts and closes all of it.
 *
 * <p>Threads: calls arrive on RMI threads and on one virtual thread per Jolokia connection. Nothing here
 * keeps service state or decides anything: every call goes to the
 * daemon, which answers from a snapshot or hands the request to the supervisor.
 * Only JDK exceptions and open types cross the wire, and no endpoint listens beyond loopback without
 * authentication ({@link io.partner.ppm.runtime.management.EndpointSecurity}).
 */
package io.partner.ppm.runtime.management;
