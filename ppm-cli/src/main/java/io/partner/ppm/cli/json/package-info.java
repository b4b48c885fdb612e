/**
 * JSON for the command line, below both the transport ({@code client}: Jolokia requests and answers,
 * the daemon's runtime file) and the commands ({@code --json} output), so that neither depends on the
 * other for it.
 */
package io.partner.ppm.cli.json;
