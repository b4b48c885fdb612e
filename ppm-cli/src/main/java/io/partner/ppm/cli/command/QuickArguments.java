package io.partner.ppm.cli.command;

/**
 * The options of a plain command line as the quick path read them (the NAME, if any, has gone to the
 * command: {@link QuickRunnable#takeName}).
 *
 * @param url {@link ConnectionOptions#URL}, or null
 * @param user {@link ConnectionOptions#USER}, or null
 * @param json {@link JsonOption#NAME}
 */
public record QuickArguments(String url, String user, boolean json) {
}
