package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class StatsFormatTest {

    @Test
    void bytesUseBinaryUnitsWithOneDecimal() {
        assertThat(StatsFormat.bytes(0)).isEqualTo("0 B");
        assertThat(StatsFormat.bytes(1023)).isEqualTo("1023 B");
        assertThat(StatsFormat.bytes(1536)).isEqualTo("1.5 KiB");
        assertThat(StatsFormat.bytes(80L << 20)).isEqualTo("80.0 MiB");
        assertThat(StatsFormat.bytes((long) (2.25 * (1L << 30)))).isEqualTo("2.3 GiB");
        assertThat(StatsFormat.bytes((1L << 20) - 1)).as("never 1024.0 KiB").isEqualTo("1.0 MiB");
        assertThat(StatsFormat.bytes(-1)).isEqualTo("-");
    }

    @Test
    void percentAndRates() {
        assertThat(StatsFormat.percent(12.345)).isEqualTo("12.3%");
        assertThat(StatsFormat.percent(187.0)).isEqualTo("187.0%");
        assertThat(StatsFormat.percent(Double.NaN)).isEqualTo("-");
        assertThat(StatsFormat.rate(1.2 * (1 << 20))).isEqualTo("1.2 MiB/s");
        assertThat(StatsFormat.rate(0)).isEqualTo("0 B/s");
    }

    @Test
    void durationsShowTheirTwoLargestUnits() {
        assertThat(StatsFormat.duration(Duration.ofSeconds(42))).isEqualTo("42s");
        assertThat(StatsFormat.duration(Duration.ofSeconds(5 * 60 + 7))).isEqualTo("5m7s");
        assertThat(StatsFormat.duration(Duration.ofMinutes(3 * 60 + 12).plusSeconds(59))).isEqualTo("3h12m");
        assertThat(StatsFormat.duration(Duration.ofHours(52))).isEqualTo("2d4h");
        assertThat(StatsFormat.duration(-5)).isEqualTo("-");
    }

    @Test
    void decimalPointDoesNotDependOnTheLocale() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertThat(StatsFormat.bytes(1536)).isEqualTo("1.5 KiB");
            assertThat(StatsFormat.percent(0.5)).isEqualTo("0.5%");
        } finally {
            Locale.setDefault(before);
        }
    }
}
