package io.partner.ppm.runtime.logs;

/**
 * One line (or one piece of a very long line) a service wrote.
 *
 * @param seq per-service sequence number, increasing from 1
 * @param service the service name
 * @param stream which stream it came from
 * @param timestamp epoch milliseconds when the daemon read it
 * @param text the line without its newline
 * @param partial true on every piece of a cut line except its last one: the text continues in the
 *     next line of the same stream
 */
public record LogLine(long seq, String service, Stream stream, long timestamp, String text, boolean partial) {

    /** A whole line (not a piece of a cut one). */
    public LogLine(long seq, String service, Stream stream, long timestamp, String text) {
        this(seq, service, stream, timestamp, text, false);
    }

    public enum Stream { STDOUT, STDERR }
}
