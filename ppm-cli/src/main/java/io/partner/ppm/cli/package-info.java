/**
 * The {@code ppm} command: {@link io.partner.ppm.cli.Ppm} is the entry point; a plain command line of a
 * frequent command takes the quick path without picocli, everything else the picocli path; the
 * commands are built on demand by name; {@link io.partner.ppm.cli.ErrorPrinter} and
 * {@link io.partner.ppm.cli.ExitCodes} decide what a failure prints and returns.
 *
 * <p>Runs on the main thread of a short-lived process, so start-up time is the cost to watch (see
 * docs/performance.md). A user's mistake or an unreachable daemon ends as one {@code ppm:} line on
 * stderr and an exit code, never a stack trace.
 */
package io.partner.ppm.cli;
