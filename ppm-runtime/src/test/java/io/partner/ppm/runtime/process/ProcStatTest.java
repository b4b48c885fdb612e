package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcStatTest {

    /** The fields after the session, up to and past rss, as the kernel writes them. */
    private static final String REST = " 0 -1 4194560 97 0 0 0 5 3 0 0 20 0 1 0 12345 10000000 250 18446744073709551615";

    @Test
    void commandNameWithSpacesAndParenthesesDoesNotShiftTheFields() {
        String line = "4242 (my (odd) name) S 17 4242 4240" + REST;

        assertThat(ProcStat.parse(line)).contains(new ProcStat(4242, 'S', 17, 4242, 4240));
    }

    @Test
    void sampledFieldsComeFromTheSameParse() {
        StatLine stat = new StatLine();
        byte[] line = ("4242 (x) S 17 4242 4240" + REST).getBytes();

        assertThat(stat.parse(line, line.length)).isTrue();
        assertThat(stat.ownTicks()).isEqualTo(8);
        assertThat(stat.threads()).isEqualTo(1);
        assertThat(stat.rssPages()).isEqualTo(250);
    }

    @Test
    void zombieIsNotAlive() {
        ProcStat zombie = ProcStat.parse("7 (sh) Z 1 7 7" + REST).orElseThrow();

        assertThat(zombie.isAlive()).isFalse();
        assertThat(ProcStat.parse("7 (sh) T 1 7 7" + REST).orElseThrow().isAlive()).isTrue();
    }

    @Test
    void truncatedOrGarbledLinesAreSkipped() {
        assertThat(ProcStat.parse("")).isEmpty();
        assertThat(ProcStat.parse("12 (cut")).isEmpty();
        assertThat(ProcStat.parse("12 (x) S 1")).isEmpty();
        assertThat(ProcStat.parse("x (y) S 1 2 3" + REST)).isEmpty();
    }
}
