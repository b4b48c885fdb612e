package io.partner.ppm.api;

/**
 * The recent resource samples of one service, oldest first (at most the last 60 sampling rounds).
 *
 * @param service the service name
 * @param cpuPercent CPU use of each sample, in % of one core
 * @param rssBytes resident memory of each sample
 * @param intervalMillis the time between samples
 */
public record ServiceHistory(String service, double[] cpuPercent, long[] rssBytes, long intervalMillis) {

    public ServiceHistory {
        cpuPercent = cpuPercent.clone();
        rssBytes = rssBytes.clone();
    }

    @Override
    public double[] cpuPercent() {
        return cpuPercent.clone();
    }

    @Override
    public long[] rssBytes() {
        return rssBytes.clone();
    }
}
