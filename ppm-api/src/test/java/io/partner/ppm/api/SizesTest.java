package io.partner.ppm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizesTest {

    @ParameterizedTest
    @CsvSource({
        "512KB, 524288",
        "10MB, 10485760",
        "1GB, 1073741824",
        "2TB, 2199023255552",
        "4096, 4096",
        "100B, 100",
        "1kb, 1024",
        "3MiB, 3145728",
        "5M, 5242880",
        "7 KB, 7168",
    })
    void readsKibiUnits(String text, long expected) {
        assertThat(Sizes.parse(text)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"10XB", "1.5MB", "-1KB", "MB", "10 M B", "ten"})
    void malformedSizesAreRefusedWithTheUnitsToUse(String text) {
        assertThatThrownBy(() -> Sizes.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid size '" + text + "' (use a whole number with a unit: B, KB, MB or GB (1KB = 1024 bytes), e.g. 512KB or 10MB)");
    }

    @Test
    void hugeSizeIsRefused() {
        assertThatThrownBy(() -> Sizes.parse("99999999999TB")).hasMessage("size '99999999999TB' is too large");
    }

    @ParameterizedTest
    @CsvSource({
        "0, 0B",
        "1536, 1536B",
        "524288, 512KB",
        "10485760, 10MB",
        "1073741824, 1GB",
        "3298534883328, 3TB",
    })
    void formatsInTheLargestExactUnit(long bytes, String expected) {
        assertThat(Sizes.format(bytes)).isEqualTo(expected);
        assertThat(Sizes.parse(expected)).isEqualTo(bytes);
    }
}
