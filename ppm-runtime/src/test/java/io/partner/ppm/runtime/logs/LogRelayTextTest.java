package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.runtime.config.LogConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRelayTextTest {

    @TempDir
    Path dir;

    @Test
    void hundredThousandNumberedLinesArriveWholeOnceAndInOrder() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            harness.relay.register("counter", null);
            harness.run("counter", "seq", "1", "100000");
            harness.drain();

            List<String> expected = IntStream.rangeClosed(1, 100_000).mapToObj(i -> "counter | " + i).toList();
            assertThat(harness.stdoutLines()).isEqualTo(expected);
            assertThat(harness.stderrLines()).isEmpty();
        }
    }

    @Test
    void tenServicesWritingAtOnceKeepEveryLineWholeInOrderAndCounted() throws Exception {
        int services = 10;
        int linesEach = 20_000;
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            List<Process> processes = new ArrayList<>();
            for (int s = 0; s < services; s++) {
                // Lines of 1 to 300 bytes, so that chunk and line boundaries fall everywhere.
                String script = "awk 'BEGIN { for (i = 1; i <= " + linesEach + "; i++) {"
                        + " pad = \"\"; for (k = 0; k < (i * 7) % 290; k++) pad = pad \"x\";"
                        + " printf \"svc" + s + " %d %s\\n\", i, pad } }'";
                processes.add(harness.sh("svc" + s, script));
            }
            harness.drain();
            for (Process process : processes) {
                assertThat(process.waitFor()).isZero();
            }

            Pattern shape = Pattern.compile("(svc\\d) \\| (svc\\d) (\\d+) (x*)");
            Map<String, Integer> lastSeen = new HashMap<>();
            for (String line : harness.stdoutLines()) {
                Matcher m = shape.matcher(line);
                assertThat(m.matches()).as("line intact: %s", line).isTrue();
                assertThat(m.group(2)).as("prefix matches content").isEqualTo(m.group(1));
                int number = Integer.parseInt(m.group(3));
                assertThat(m.group(4)).hasSize((number * 7) % 290);
                int previous = lastSeen.getOrDefault(m.group(1), 0);
                assertThat(number).as("order of %s", m.group(1)).isEqualTo(previous + 1);
                lastSeen.put(m.group(1), number);
            }
            assertThat(lastSeen).hasSize(services).allSatisfy((service, last) -> assertThat(last).isEqualTo(linesEach));
        }
    }

    @Test
    void mebibyteLineIsCutIntoSixteenPiecesThatReassembleAndLastLineWithoutNewlineStillArrives() throws Exception {
        byte[] longLine = randomText(1024 * 1024);
        Path input = dir.resolve("input");
        Files.write(input, concat(longLine, "\nlast words".getBytes(StandardCharsets.US_ASCII)));
        int ringBytes = 2 * 1024 * 1024; // room for all 17 lines
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100, ringBytes, InstantSource.system())) {
            harness.run("big", "cat", input.toString());
            harness.drain();

            List<String> lines = harness.stdoutLines();
            assertThat(lines).hasSize(17);
            StringBuilder reassembled = new StringBuilder();
            for (String piece : lines.subList(0, 16)) {
                assertThat(piece).startsWith("big | ").hasSize("big | ".length() + 64 * 1024);
                reassembled.append(piece.substring("big | ".length()));
            }
            assertThat(reassembled.toString()).isEqualTo(new String(longLine, StandardCharsets.US_ASCII));
            assertThat(lines.get(16)).isEqualTo("big | last words");

            List<LogLine> kept = harness.relay.tail("big", 17);
            assertThat(kept).extracting(LogLine::partial)
                    .containsExactlyElementsOf(IntStream.range(0, 17).mapToObj(i -> i < 15).toList());
            assertThat(kept.get(16).text()).isEqualTo("last words");
        }
    }

    @Test
    void cutNeverSplitsAUtf8Character() throws Exception {
        // 65,535 ASCII bytes and then a two-byte character across the 64 KiB mark.
        String text = "a".repeat(64 * 1024 - 1) + "é" + "b".repeat(10);
        Path input = dir.resolve("input");
        Files.writeString(input, text + "\n");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.run("utf", "cat", input.toString());
            harness.drain();

            List<LogLine> lines = harness.relay.tail("utf", 10);
            assertThat(lines).extracting(LogLine::text)
                    .containsExactly("a".repeat(64 * 1024 - 1), "é" + "b".repeat(10));
            assertThat(lines).extracting(LogLine::partial).containsExactly(true, false);
        }
    }

    @Test
    void stderrGoesToTheStderrSinkAndStdoutToStdout() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.sh("web", "echo to-out; echo to-err >&2; echo more-out");
            harness.drain();

            assertThat(harness.stdoutLines()).containsExactly("web | to-out", "web | more-out");
            assertThat(harness.stderrLines()).containsExactly("web | to-err");
            assertThat(harness.relay.tail("web", 10)).extracting(LogLine::stream)
                    .containsOnlyOnce(LogLine.Stream.STDERR);
        }
    }

    @Test
    void timestampsPrecedeThePrefixInIsoUtcWithMilliseconds() throws Exception {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-05-01T12:34:56.007Z"));
        try (RelayHarness harness = new RelayHarness(new LogConfig(LogConfig.Format.TEXT, true), 100,
                LogRelay.DEFAULT_RING_BYTES, clock)) {
            harness.sh("web", "echo hello");
            harness.drain();

            assertThat(harness.stdoutLines()).containsExactly("2026-05-01T12:34:56.007Z web | hello");
            assertThat(harness.relay.tail("web", 1).getFirst().timestamp()).isEqualTo(clock.millis());
        }
    }

    @Test
    void daemonMessagesGoToStderrWithThePpmPrefixOneOutputLinePerLine() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.daemonMessage("started 3 services");
            harness.relay.daemonMessage("first\nsecond");
            assertThat(harness.relay.flushDaemonMessages(java.time.Duration.ofSeconds(5))).isTrue();

            assertThat(harness.stderrLines())
                    .containsExactly("ppm | started 3 services", "ppm | first", "ppm | second");
            assertThat(harness.stdoutLines()).isEmpty();
        }
    }

    @Test
    void failingStdoutIsReportedOnceAndOutputKeepsFlowingIntoTheRing() throws Exception {
        java.io.ByteArrayOutputStream stderr = new java.io.ByteArrayOutputStream();
        java.io.OutputStream brokenStdout = new java.io.OutputStream() {
            @Override
            public void write(int b) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }

            @Override
            public void write(byte[] b, int off, int len) throws java.io.IOException {
                throw new java.io.IOException("Broken pipe");
            }
        };
        try (LogRelay relay = new LogRelay(LogConfig.DEFAULT, brokenStdout, stderr, 100)) {
            Process process = new ProcessBuilder("seq", "1", "5000").start();
            relay.attach("web", process.getInputStream(), process.getErrorStream());
            assertThat(relay.awaitDrained(RelayHarness.DRAIN_TIMEOUT)).isTrue();
            assertThat(relay.flushDaemonMessages(RelayHarness.DRAIN_TIMEOUT)).isTrue();

            assertThat(relay.tail("web", 1)).extracting(LogLine::text).containsExactly("5000");
            assertThat(RelayHarness.lines(stderr))
                    .containsExactly("ppm | writing to stdout failed, service output is being dropped: Broken pipe");
        }
    }

    @Test
    void tailOfAnUnknownServiceIsRefusedWithItsName() {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            assertThatThrownBy(() -> harness.relay.tail("nope", 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown service: nope");
            assertThatThrownBy(() -> harness.relay.since("nope", 0, 10))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("unknown service: nope");
        }
    }

    static byte[] randomText(int length) {
        Random random = new Random(42);
        byte[] text = new byte[length];
        for (int i = 0; i < length; i++) {
            text[i] = (byte) ('!' + random.nextInt(94));
        }
        return text;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
