package io.partner.ppm.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatTest {

    @Test
    void durationsReadLikeUptimes() {
        assertThat(Format.duration(0)).isEqualTo("-");
        assertThat(Format.duration(45_000)).isEqualTo("45s");
        assertThat(Format.duration(192_000)).isEqualTo("3m12s");
        assertThat(Format.duration(5 * 3_600_000L + 3 * 60_000)).isEqualTo("5h03m");
        assertThat(Format.duration(52 * 3_600_000L)).isEqualTo("2d04h");
    }

    @Test
    void sizesAndPercentagesHaveOneDecimalWhenSmall() {
        assertThat(Format.bytes(512)).isEqualTo("512B");
        assertThat(Format.bytes(12_800)).isEqualTo("13K");
        assertThat(Format.bytes(1_300)).isEqualTo("1.3K");
        assertThat(Format.bytes(230L * 1024 * 1024)).isEqualTo("230M");
        assertThat(Format.percent(12.46)).isEqualTo("12.5%");
        assertThat(Format.percent(0)).isEqualTo("0.0%");
        assertThat(Format.percent(250)).isEqualTo("250.0%");
    }
}
