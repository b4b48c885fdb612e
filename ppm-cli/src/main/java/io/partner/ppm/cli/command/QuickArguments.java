package io.partner.ppm.cli.command;

/**
 * A plain command line as the quick path read it.
 *
 * @param url {@link ConnectionOptions#URL}, or null
 * @param user {@link ConnectionOptions#USER}, or null
 * @param json {@link JsonOption#NAME}
 * @param name the one positional argument (a service name), or null
 */
public record QuickArguments(String url, String user, boolean json, String name) {
}
