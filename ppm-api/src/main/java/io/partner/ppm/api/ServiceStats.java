package io.partner.ppm.api;

/**
 * Resource use of a service's whole process tree (its session, process group and descendants),
 * from the latest sample.
 *
 * @param processes how many processes the tree had
 * @param cpuPercent CPU use over the last sampling interval, in % of one core (may exceed 100)
 * @param rssBytes resident memory
 * @param threads thread count
 * @param openFiles open file descriptors
 * @param readBytes bytes read from storage since start
 * @param writeBytes bytes written to storage since start
 * @param readRate bytes read per second over the last interval
 * @param writeRate bytes written per second over the last interval
 * @param sampledAt epoch milliseconds of the sample, 0 when never sampled
 */
public record ServiceStats(
        int processes,
        double cpuPercent,
        long rssBytes,
        int threads,
        int openFiles,
        long readBytes,
        long writeBytes,
        double readRate,
        double writeRate,
        long sampledAt) {

    public static final ServiceStats NONE = new ServiceStats(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
