package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LineRingTest {

    @Test
    void keepsTheNewestLinesAcrossWrapsGrowthAndEvictionLikeAPlainList() {
        Random random = new Random(3);
        LineRing ring = new LineRing(500, LineRing.MIN_BYTES);
        List<String> written = new ArrayList<>();
        LineBatch batch = new LineBatch();
        for (int round = 0; round < 3_000; round++) {
            StringBuilder chunk = new StringBuilder();
            int lines = 1 + random.nextInt(random.nextBoolean() ? 5 : 400);
            for (int i = 0; i < lines; i++) {
                String line = written.size() + ":" + "x".repeat(random.nextInt(random.nextInt(20) == 0 ? 3000 : 60));
                written.add(line);
                chunk.append(line).append('\n');
            }
            byte[] bytes = chunk.toString().getBytes(StandardCharsets.US_ASCII);
            batch.clear();
            LineSplitter.split(bytes, 0, bytes.length, false, batch);
            ring.append(bytes, batch, LogLine.Stream.STDOUT, round);

            List<LogLine> kept = ring.tail("svc", Integer.MAX_VALUE);
            assertThat(kept).isNotEmpty();
            long firstSeq = kept.getFirst().seq();
            assertThat(kept.getLast().seq()).isEqualTo(written.size());
            for (int i = 0; i < kept.size(); i++) {
                assertThat(kept.get(i).seq()).isEqualTo(firstSeq + i);
                assertThat(kept.get(i).text()).isEqualTo(written.get((int) firstSeq - 1 + i));
            }
            int keptBytes = kept.stream().mapToInt(line -> line.text().length() + 1).sum();
            assertThat(kept.size() >= Math.min(500, written.size()) || keptBytes > LineRing.MIN_BYTES / 2)
                    .as("keeps the last 500 lines unless their bytes fill the ring").isTrue();
        }
    }

    @Test
    void sinceReturnsLinesAfterASequenceNumberAndTailTheLastOnes() {
        LineRing ring = new LineRing(1000, LineRing.MIN_BYTES);
        LineBatch batch = new LineBatch();
        byte[] bytes = "one\ntwo\nthree\nfour\n".getBytes(StandardCharsets.US_ASCII);
        LineSplitter.split(bytes, 0, bytes.length, false, batch);
        ring.append(bytes, batch, LogLine.Stream.STDERR, 1234L);

        assertThat(ring.since("svc", 2, 10)).extracting(LogLine::seq, LogLine::text)
                .containsExactly(tuple(3L, "three"), tuple(4L, "four"));
        assertThat(ring.since("svc", 0, 1)).extracting(LogLine::text).containsExactly("one");
        assertThat(ring.since("svc", 4, 10)).isEmpty();
        assertThat(ring.tail("svc", 2)).extracting(LogLine::text).containsExactly("three", "four");
        assertThat(ring.tail("svc", 0)).isEmpty();
        assertThat(ring.tail("svc", 1).getFirst()).satisfies(line -> {
            assertThat(line.stream()).isEqualTo(LogLine.Stream.STDERR);
            assertThat(line.timestamp()).isEqualTo(1234L);
            assertThat(line.service()).isEqualTo("svc");
        });
    }
}
