package io.partner.ppm.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TrendTest {

    @Test
    void minAverageAndMaxOfASeries() {
        assertThat(Trend.of(new double[] {10, 30, 20})).isEqualTo(new Trend(10, 20, 30, 3));
        assertThat(Trend.of(new long[] {100, 300, 800})).isEqualTo(new Trend(100, 400, 800, 3));
        assertThat(Trend.of(new double[0])).isEqualTo(Trend.EMPTY);
    }

    @Test
    void sparklineScalesFromZeroToTheLargestValue() {
        assertThat(Trend.sparkline(new double[] {0, 1, 2, 3, 4, 5, 6, 7})).isEqualTo("▁▂▃▄▅▆▇█");
        assertThat(Trend.sparkline(new long[] {50, 50, 50})).isEqualTo("███");
        assertThat(Trend.sparkline(new double[] {0, 0})).isEqualTo("▁▁");
        assertThat(Trend.sparkline(new double[] {100, Double.NaN, -5, 49})).isEqualTo("█▁▁▄");
        assertThat(Trend.sparkline(new double[0])).isEmpty();
    }
}
