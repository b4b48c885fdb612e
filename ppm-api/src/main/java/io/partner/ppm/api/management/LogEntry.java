package io.partner.ppm.api.management;

/**
 * One line of a service's output as {@code ppm logs} and {@link DaemonMXBean#logs} return it.
 *
 * @param seq per-service sequence number, increasing from 1; the cursor for following
 * @param service the service that wrote it
 * @param stream {@code stdout} or {@code stderr}
 * @param timestamp epoch milliseconds when the daemon read it
 * @param text the line without its newline
 */
public record LogEntry(long seq, String service, String stream, long timestamp, String text) {

    public static final String STDOUT = "stdout";
    public static final String STDERR = "stderr";

    public boolean isStderr() {
        return STDERR.equals(stream);
    }
}
