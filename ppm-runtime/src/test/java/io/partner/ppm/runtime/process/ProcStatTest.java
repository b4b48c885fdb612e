package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    @Test
    void commandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "4242 (my (odd) name) S 17 4242 4240 0 -1 4194560 97 0 0 0 0 0 0 0 20 0 1 0 12345";

        assertThat(ProcStat.parse(line)).contains(new ProcStat(4242, 'S', 17, 4242, 4240));
    }

    @Test
    void zombieIsNotAlive() {
        ProcStat zombie = ProcStat.parse("7 (sh) Z 1 7 7 0").orElseThrow();

        assertThat(zombie.isAlive()).isFalse();
        assertThat(ProcStat.parse("7 (sh) T 1 7 7 0").orElseThrow().isAlive()).isTrue();
    }

    @Test
    void truncatedOrGarbledLinesAreSkipped() {
        assertThat(ProcStat.parse("")).isEmpty();
        assertThat(ProcStat.parse("12 (cut")).isEmpty();
        assertThat(ProcStat.parse("12 (x) S 1")).isEmpty();
        assertThat(ProcStat.parse("x (y) S 1 2 3 4")).isEmpty();
    }
}
