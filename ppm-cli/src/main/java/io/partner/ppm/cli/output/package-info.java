/**
 * Text output for people: aligned tables, durations and sizes in short units, ANSI colour only on a
 * terminal without {@code NO_COLOR}. Pure formatting: no daemon access, no command knowledge, and
 * nothing that {@code --json} output depends on.
 */
package io.partner.ppm.cli.output;
