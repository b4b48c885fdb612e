package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceStats;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsHistoryTest {

    @Test
    void keepsTheLastSixtySamplesOldestFirst() {
        StatsHistory history = new StatsHistory();
        for (int i = 1; i <= 75; i++) {
            history.add("web", stats(i, i * 1000L));
        }

        double[] cpu = history.cpuPercent("web");

        assertThat(cpu).hasSize(60);
        assertThat(cpu[0]).isEqualTo(16);
        assertThat(cpu[59]).isEqualTo(75);
        assertThat(history.rssBytes("web")[59]).isEqualTo(75_000);
    }

    @Test
    void summarizesCpuAndMemory() {
        StatsHistory history = new StatsHistory();
        history.add("web", stats(10, 100));
        history.add("web", stats(30, 300));
        history.add("web", stats(20, 800));

        assertThat(history.cpuSummary("web")).isEqualTo(new StatsHistory.Summary(10, 20, 30, 3));
        assertThat(history.rssSummary("web")).isEqualTo(new StatsHistory.Summary(100, 400, 800, 3));
        assertThat(history.cpuSummary("unknown")).isEqualTo(StatsHistory.Summary.EMPTY);
    }

    @Test
    void aRoundForgetsServicesThatAreNotInIt() {
        StatsHistory history = new StatsHistory();
        history.record(Map.of("web", stats(1, 1), "db", stats(2, 2)));
        history.record(Map.of("web", stats(3, 3)));

        assertThat(history.cpuPercent("web")).containsExactly(1, 3);
        assertThat(history.cpuPercent("db")).isEmpty();
    }

    @Test
    void sparklineScalesFromZeroToTheLargestValue() {
        assertThat(StatsHistory.sparkline(new double[] {0, 1, 2, 3, 4, 5, 6, 7})).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(StatsHistory.sparkline(new double[] {50, 50, 50})).isEqualTo("███");
        assertThat(StatsHistory.sparkline(new double[] {0, 0})).isEqualTo("▁▁");
        assertThat(StatsHistory.sparkline(new double[] {100, Double.NaN, -5, 49})).isEqualTo("█▁▁▄");
        assertThat(StatsHistory.sparkline(new double[0])).isEmpty();
    }

    @Test
    void capacityMustHoldAtLeastOneSample() {
        assertThatThrownBy(() -> new StatsHistory(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }

    private static ServiceStats stats(double cpu, long rss) {
        return new ServiceStats(1, cpu, rss, 1, 3, 0, 0, 0, 0, 1);
    }
}
