package io.partner.ppm.runtime.logs;

/**
 * One line (or one piece of a very long line) a service wrote.
 *
 * @param seq per-service sequence number, increasing from 1
 * @param service the service name
 * @param stream which stream it came from
 * @param timestamp epoch milliseconds when the daemon read it
 * @param text the line without its newline
 */
public record LogLine(long seq, String service, Stream stream, long timestamp, String text) {

    public enum Stream { STDOUT, STDERR }
}
