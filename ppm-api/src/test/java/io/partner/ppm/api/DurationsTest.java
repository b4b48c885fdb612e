package io.partner.ppm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "250ms, PT0.25S",
        "5s, PT5S",
        "2m, PT2M",
        "1h, PT1H",
        "1m30s, PT1M30S",
        "2d, PT48H",
        "0s, PT0S",
        "1500us, PT0.0015S",
        "7ns, PT0.000000007S",
    })
    void readsNumbersWithUnits(String text, Duration expected) {
        assertThat(Durations.parse(text)).isEqualTo(expected);
    }

    @Test
    void bareNumberIsRefusedWithTheUnitsToUse() {
        assertThatThrownBy(() -> Durations.parse("5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("duration '5' has no unit (use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"5x", "1.5s", "-5s", "s", "5 s", "five seconds", "5s5"})
    void malformedDurationsAreRefused(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid duration '" + text + "'")
                .hasMessageContaining("ms, s, m or h");
    }

    @Test
    void emptyAndHugeDurationsAreRefused() {
        assertThatThrownBy(() -> Durations.parse(" ")).hasMessageStartingWith("empty duration");
        assertThatThrownBy(() -> Durations.parse("9999999999999999999h")).hasMessage("duration '9999999999999999999h' is too long");
        assertThatThrownBy(() -> Durations.parse("300000d")).hasMessage("duration '300000d' is too long");
    }

    @ParameterizedTest
    @CsvSource({
        "PT0S, 0s",
        "PT0.25S, 250ms",
        "PT5S, 5s",
        "PT60S, 1m",
        "PT90S, 1m30s",
        "PT1H, 1h",
        "PT49H0.5S, 49h500ms",
        "PT0.0000015S, 1us500ns",
    })
    void formatsInTheLargestExactUnits(Duration duration, String expected) {
        assertThat(Durations.format(duration)).isEqualTo(expected);
        assertThat(Durations.parse(expected)).isEqualTo(duration);
    }
}
