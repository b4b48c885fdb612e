/**
 * One class per {@code ppm} subcommand, annotated for picocli, plus the tables they print and the
 * options they share (declared once for picocli and the quick path). A command that reads from the
 * daemon and is called often implements {@link io.partner.ppm.cli.command.QuickRunnable}, so it also
 * runs without picocli.
 *
 * <p>A command reaches the daemon only through a {@link io.partner.ppm.cli.client.DaemonClient} and
 * prints only to its {@link io.partner.ppm.cli.Context}. It throws on failure; an error line it must print
 * itself (one of several services failed) goes through {@link io.partner.ppm.cli.ErrorPrinter}.
 */
package io.partner.ppm.cli.command;
