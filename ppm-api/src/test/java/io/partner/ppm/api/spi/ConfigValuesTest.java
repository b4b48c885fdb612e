package io.partner.ppm.api.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigValuesTest {

    @Test
    void durationsAreReadWithTheirUnit() {
        assertThat(ConfigValues.duration("250ms", "d")).isEqualTo(Duration.ofMillis(250));
        assertThat(ConfigValues.duration("5s", "d")).isEqualTo(Duration.ofSeconds(5));
        assertThat(ConfigValues.duration("2m", "d")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ConfigValues.duration("1h", "d")).isEqualTo(Duration.ofHours(1));
        assertThat(ConfigValues.duration("1d", "d")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void durationWithoutUnitIsRejectedNamingTheKey() {
        assertThatThrownBy(() -> ConfigValues.duration(5, "restart_window.within"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("restart_window.within: duration '5' has no unit "
                        + "(use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s)");
        assertThatThrownBy(() -> ConfigValues.positiveDuration("0s", "timeout")).hasMessage("timeout: must be greater than 0");
    }

    @Test
    void sizesArePowersOf1024() {
        assertThat(ConfigValues.size("512KB", "s")).isEqualTo(512L * 1024);
        assertThat(ConfigValues.size("10MB", "s")).isEqualTo(10L * 1024 * 1024);
        assertThat(ConfigValues.size("1gb", "s")).isEqualTo(1L << 30);
        assertThat(ConfigValues.size(4096, "s")).isEqualTo(4096);
        assertThatThrownBy(() -> ConfigValues.size("lots", "max_memory"))
                .hasMessage("max_memory: invalid size 'lots' (use a whole number with a unit: B, KB, MB or GB (1KB = 1024 bytes), e.g. 512KB or 10MB)");
        assertThatThrownBy(() -> ConfigValues.positiveSize("0KB", "max_memory")).hasMessage("max_memory: must be greater than 0");
    }

    @Test
    void mapsRejectUnknownKeysListingTheKnownOnes() {
        assertThat(ConfigValues.map(Map.of("a", 1), "x", Set.of("a", "b"))).containsEntry("a", 1);
        assertThatThrownBy(() -> ConfigValues.map(Map.of("c", 1), "x", Set.of("b", "a")))
                .hasMessage("x: unknown key 'c' (known: a, b)");
    }

    @Test
    void stringsAcceptOneOrMany() {
        assertThat(ConfigValues.strings("a", "k")).containsExactly("a");
        assertThat(ConfigValues.strings(List.of("a", "b"), "k")).containsExactly("a", "b");
        assertThatThrownBy(() -> ConfigValues.strings(List.of(), "k")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ConfigValues.integer(3, "n", 1)).isEqualTo(3);
        assertThatThrownBy(() -> ConfigValues.integer(0, "n", 1)).hasMessage("n: expected a whole number of at least 1, got '0'");
    }
}
