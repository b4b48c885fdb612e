/**
 * The transport to the daemon: {@link io.partner.ppm.cli.client.Endpoints} finds it ({@code --url},
 * {@code PPM_URL}, or the runtime file if that is the user's own), and a
 * {@link io.partner.ppm.cli.client.DaemonClient} speaks the MXBean operations over Jolokia (JSON POSTs,
 * mapped back to the ppm-api records by hand) or JMX RMI (MXBean proxies).
 *
 * <p>It knows nothing of tables or commands: it returns ppm-api records, and turns every refusal or
 * unreachable endpoint into a {@link io.partner.ppm.cli.CliException} with a one-line message.
 */
package io.partner.ppm.cli.client;
