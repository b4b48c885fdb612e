package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.runtime.config.LogConfig;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRelayJsonTest {

    private static final LogConfig JSON = new LogConfig(LogConfig.Format.JSON, false);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyOutputLineIsOneJsonObjectWithTimeServiceStreamAndLine() throws Exception {
        InstantSource clock = InstantSource.fixed(Instant.parse("2026-05-01T12:34:56.789Z"));
        try (RelayHarness harness = new RelayHarness(JSON, 1000, LogRelay.DEFAULT_RING_BYTES, clock)) {
            harness.sh("web", "seq 1 20000; echo oops >&2");
            harness.drain();

            List<JsonNode> out = parse(harness.stdout);
            assertThat(out).hasSize(20_000);
            for (int i = 0; i < out.size(); i++) {
                JsonNode line = out.get(i);
                assertThat(line.properties()).extracting(e -> e.getKey())
                        .containsExactly("time", "service", "stream", "line");
                assertThat(line.get("time").asText()).isEqualTo("2026-05-01T12:34:56.789Z");
                assertThat(line.get("service").asText()).isEqualTo("web");
                assertThat(line.get("stream").asText()).isEqualTo("stdout");
                assertThat(line.get("line").asText()).isEqualTo(Integer.toString(i + 1));
            }
            List<JsonNode> err = parse(harness.stderr);
            assertThat(err).singleElement().satisfies(line -> {
                assertThat(line.get("stream").asText()).isEqualTo("stderr");
                assertThat(line.get("line").asText()).isEqualTo("oops");
            });
        }
    }

    @Test
    void quotesBackslashesAndControlCharactersAreEscapedAndInvalidUtf8BecomesReplacementCharacters() throws Exception {
        byte[] raw = {
            'a', '"', 'b', '\\', 'c', '\t', 'd', 0x01, 'e', '\r', 'f', 0x7F, 'g',
            (byte) 0xFF, 'h',                           // never valid in UTF-8
            (byte) 0xC3, 'i',                           // lead byte without its continuation
            (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'j', // an encoded surrogate (one replacement)
            (byte) 0xE2, (byte) 0x82, 'k',              // truncated three-byte character
            (byte) 0xC3, (byte) 0xA9, (byte) 0xE2, (byte) 0x82, (byte) 0xAC,
            (byte) 0xF0, (byte) 0x9F, (byte) 0x98, (byte) 0x80, // é € 😀
            '\n'
        };
        Path input = dir.resolve("input");
        Files.write(input, raw);
        try (RelayHarness harness = new RelayHarness(JSON, 100)) {
            harness.run("weird", "cat", input.toString());
            harness.drain();

            byte[] output = harness.stdout.toByteArray();
            for (byte b : output) {
                assertThat(b & 0xFF).as("no raw control character in JSON output").isNotIn(
                        IntStream.range(0, 0x20).filter(c -> c != '\n').boxed().toArray());
            }
            // Throws on any malformed byte: the output itself is valid UTF-8.
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(output));
            String text = parse(harness.stdout).getFirst().get("line").asText();
            // The same replacement Java's own UTF-8 decoder makes, which is what tail() returns too.
            String decoded = new String(raw, 0, raw.length - 1, StandardCharsets.UTF_8);
            assertThat(text).isEqualTo(decoded)
                    .isEqualTo("a\"b\\c\td\u0001e\rf\u007Fg\uFFFDh\uFFFDi\uFFFDj\uFFFDk\u00E9\u20AC\uD83D\uDE00");
            assertThat(harness.relay.tail("weird", 1).getFirst().text()).isEqualTo(decoded);
        }
    }

    @Test
    void piecesOfACutLineAreMarkedPartialExceptTheLast() throws Exception {
        byte[] longLine = LogRelayTextTest.randomText(200 * 1024);
        Path input = dir.resolve("input");
        Files.write(input, LogRelayTextTest.concat(longLine, "\nshort\n".getBytes(StandardCharsets.US_ASCII)));
        try (RelayHarness harness = new RelayHarness(JSON, 100)) {
            harness.run("big", "cat", input.toString());
            harness.drain();

            List<JsonNode> lines = parse(harness.stdout);
            assertThat(lines).hasSize(5);
            assertThat(lines).extracting(line -> line.path("partial").asBoolean(false))
                    .containsExactly(true, true, true, false, false);
            assertThat(lines.subList(0, 3))
                    .allSatisfy(line -> assertThat(line.get("line").asText()).hasSize(64 * 1024));
            StringBuilder whole = new StringBuilder();
            lines.subList(0, 4).forEach(line -> whole.append(line.get("line").asText()));
            assertThat(whole.toString()).isEqualTo(new String(longLine, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void daemonMessagesAreJsonLinesOfServicePpmOnStderr() throws Exception {
        try (RelayHarness harness = new RelayHarness(JSON, 100)) {
            harness.relay.daemonMessage("reloaded \"conf.yml\"");
            assertThat(harness.relay.flushDaemonMessages(java.time.Duration.ofSeconds(5))).isTrue();

            JsonNode line = parse(harness.stderr).getFirst();
            assertThat(line.get("service").asText()).isEqualTo("ppm");
            assertThat(line.get("stream").asText()).isEqualTo("stderr");
            assertThat(line.get("line").asText()).isEqualTo("reloaded \"conf.yml\"");
        }
    }

    private static List<JsonNode> parse(ByteArrayOutputStream captured) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : RelayHarness.lines(captured)) {
            nodes.add(MAPPER.readTree(line));
        }
        return nodes;
    }
}
