package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.runtime.config.LogConfig;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LogRelayRingTest {

    @Test
    void tailReturnsTheLastLinesAfterMoreThanTheRingHolds() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.run("web", "seq", "1", "5000");
            harness.drain();

            assertThat(harness.relay.tail("web", 10)).extracting(LogLine::text)
                    .containsExactlyElementsOf(numbers(4991, 5000));
            assertThat(harness.relay.tail("web", 100)).extracting(LogLine::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(4901, 5000).boxed().toList());
            List<LogLine> all = harness.relay.tail("web", 100_000);
            assertThat(all.size()).as("at least the ring's lines, never everything").isBetween(100, 4999);
            assertThat(all.getLast().text()).isEqualTo("5000");
        }
    }

    @Test
    void ringIsBoundedInBytesToo() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100_000, LogRelay.MIN_RING_BYTES,
                InstantSource.system())) {
            // 2,000 lines of about 1 KiB: more than the ring's 256 KiB.
            harness.sh("wide",
                    "awk 'BEGIN { pad = sprintf(\"%1000s\", \"\"); for (i = 1; i <= 2000; i++) print i pad }'");
            harness.drain();

            List<LogLine> kept = harness.relay.tail("wide", 100_000);
            // Whole chunks are kept, so how many lines depends on how the pipe was read; what is
            // certain: the newest lines, without a gap, and no more bytes than the ring holds.
            assertThat(kept.size()).isBetween(32, 260);
            assertThat(kept.getLast().text()).startsWith("2000 ");
            for (int i = 1; i < kept.size(); i++) {
                assertThat(kept.get(i).seq()).isEqualTo(kept.get(i - 1).seq() + 1);
            }
            assertThat(kept.stream().mapToLong(line -> line.text().length() + 1L).sum())
                    .isLessThanOrEqualTo(LogRelay.MIN_RING_BYTES);
        }
    }

    @Test
    void sinceReturnsOnlyLinesAfterTheGivenSequenceNumber() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            harness.run("web", "seq", "1", "50");
            harness.drain();

            assertThat(harness.relay.since("web", 45, 100)).extracting(LogLine::text)
                    .containsExactlyElementsOf(numbers(46, 50));
            assertThat(harness.relay.since("web", 0, 3)).extracting(LogLine::text).containsExactly("1", "2", "3");
            assertThat(harness.relay.since("web", 50, 100)).isEmpty();

            harness.run("web", "seq", "51", "60");
            harness.drain();
            assertThat(harness.relay.since("web", 50, 100)).extracting(LogLine::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(51, 60).boxed().toList());
        }
    }

    @Test
    void followersReceiveEveryNewLineOfTheirServiceOrOfAllUntilTheyUnsubscribe() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", null);
            harness.relay.register("db", null);
            List<LogLine> webLines = new CopyOnWriteArrayList<>();
            List<LogLine> allLines = new CopyOnWriteArrayList<>();
            AutoCloseable webSubscription = harness.relay.follow("web", webLines::add);
            AutoCloseable allSubscription = harness.relay.follow(null, allLines::add);

            harness.run("web", "seq", "1", "3000");
            harness.run("db", "seq", "1", "20");
            harness.drain();

            assertThat(webLines).extracting(LogLine::text).containsExactlyElementsOf(numbers(1, 3000));
            assertThat(webLines).extracting(LogLine::seq)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, 3000).boxed().toList());
            assertThat(allLines).hasSize(3020);
            assertThat(allLines).filteredOn(line -> line.service().equals("db")).extracting(LogLine::text)
                    .containsExactlyElementsOf(numbers(1, 20));

            webSubscription.close();
            allSubscription.close();
            harness.run("web", "seq", "1", "5");
            harness.drain();
            assertThat(webLines).hasSize(3000);
            assertThat(allLines).hasSize(3020);
        }
    }

    @Test
    void unregisteredServiceForgetsItsLinesWhileItsReaderStillRelaysToStdout() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", null);
            Process process = new ProcessBuilder("sh", "-c", "read line; echo after $line").start();
            harness.relay.attach("web", process.getInputStream(), process.getErrorStream());
            harness.relay.unregister("web");
            assertThat(harness.relay.isRegistered("web")).isFalse();
            try (var stdin = process.outputWriter()) {
                stdin.write("x\n");
            }
            harness.drain();

            assertThat(harness.stdoutLines()).containsExactly("web | after x");
        }
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }
}
