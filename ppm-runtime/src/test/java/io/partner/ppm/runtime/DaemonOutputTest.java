package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partner.ppm.api.ServiceState;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Service output through a real daemon: nothing lost, split, duplicated or interleaved. */
class DaemonOutputTest {

    @TempDir
    Path dir;

    @Test
    void aHundredThousandNumberedLinesArriveInOrder() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: numbers
                    command: ["seq", "1", "100000"]
                """)) {
            d.awaitState("numbers", ServiceState.FINISHED);
            String out = d.awaitStdout(s -> s.contains("numbers | 100000\n"));
            String[] lines = out.split("\n");
            assertThat(lines).hasSize(100_000);
            for (int i = 0; i < lines.length; i++) {
                assertThat(lines[i]).isEqualTo("numbers | " + (i + 1));
            }
        }
    }

    @Test
    void tenServicesWritingAtOnceKeepEveryLineWhole() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int s = 0; s < 10; s++) {
            yaml.append("  - name: s").append(s).append('\n')
                    .append("    command: [\"seq\", \"-f\", \"s").append(s).append("-line-%06g-end\", \"1\", \"20000\"]\n");
        }
        try (RunningDaemon d = RunningDaemon.start(dir, yaml.toString())) {
            for (int s = 0; s < 10; s++) {
                d.awaitState("s" + s, ServiceState.FINISHED);
            }
            String out = d.awaitStdout(text -> text.split("\n").length >= 200_000);
            Map<String, Integer> next = new HashMap<>();
            for (String line : out.split("\n")) {
                String service = line.substring(0, line.indexOf(' '));
                int expected = next.merge(service, 1, Integer::sum);
                assertThat(line).isEqualTo("%s | %s-line-%06d-end".formatted(service, service, expected));
            }
            assertThat(next).hasSize(10).allSatisfy((service, count) -> assertThat(count).isEqualTo(20_000));
        }
    }

    @Test
    void jsonFormatWritesOneObjectPerLine() throws Exception {
        try (RunningDaemon d = RunningDaemon.startRaw(dir, """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  log: { format: json }
                services:
                  - name: talker
                    command: ["sh", "-c", "echo 'say \\"hi\\"'; echo oops >&2"]
                """, Clock.systemUTC(), Map.of())) {
            d.awaitState("talker", ServiceState.FINISHED);
            String out = d.awaitStdout(s -> s.contains("talker"));
            ObjectMapper json = new ObjectMapper();
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.split("\n")) {
                lines.add(json.readTree(line));
            }
            assertThat(lines).hasSize(1);
            assertThat(lines.getFirst().get("service").asText()).isEqualTo("talker");
            assertThat(lines.getFirst().get("line").asText()).isEqualTo("say \"hi\"");
            assertThat(lines.getFirst().get("stream").asText()).isEqualTo("stdout");
            assertThat(d.stderr.text()).contains("\"line\":\"oops\"");
        }
    }

    @Test
    void aOneMebibyteLineIsCutIntoBoundedPiecesAndNothingIsLost() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: wide
                    command: ["sh", "-c", "head -c 1048576 /dev/zero | tr '\\\\0' x; echo; echo after"]
                """)) {
            d.awaitState("wide", ServiceState.FINISHED);
            String out = d.awaitStdout(s -> s.contains("wide | after\n"));
            String[] lines = out.split("\n");
            StringBuilder joined = new StringBuilder();
            for (int i = 0; i < lines.length - 1; i++) {
                assertThat(lines[i]).startsWith("wide | ");
                assertThat(lines[i].length()).isLessThanOrEqualTo(64 * 1024 + "wide | ".length());
                joined.append(lines[i].substring("wide | ".length()));
            }
            assertThat(lines.length - 1).isGreaterThan(1);
            assertThat(joined.toString()).hasSize(1 << 20).matches("x+");
        }
    }
}
