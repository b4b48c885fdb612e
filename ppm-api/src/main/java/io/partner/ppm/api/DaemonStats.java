package io.partner.ppm.api;

/**
 * Resource use of the PPM daemon itself, from the latest sample.
 *
 * @param rssBytes resident memory of the daemon's process (heap, metaspace, code, thread stacks,
 *     mapped jars: everything the kernel counts as resident)
 * @param heapUsedBytes Java heap in use
 * @param heapMaxBytes the most heap the JVM may use, -1 when it has no defined limit
 * @param threads operating-system threads of the daemon's process (the JVM's own threads included)
 * @param cpuPercent CPU use over the last sampling interval, in % of one core (may exceed 100)
 * @param uptimeMillis how long the daemon has been running
 * @param sampledAt epoch milliseconds of the sample, 0 when never sampled
 */
public record DaemonStats(
        long rssBytes,
        long heapUsedBytes,
        long heapMaxBytes,
        int threads,
        double cpuPercent,
        long uptimeMillis,
        long sampledAt) {

    public static final DaemonStats NONE = new DaemonStats(0, 0, -1, 0, 0, 0, 0);
}
