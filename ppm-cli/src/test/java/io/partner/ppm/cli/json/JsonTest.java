package io.partner.ppm.cli.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.management.LogEntry;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void parsesWhatJolokiaSends() {
        Object value = Json.parse("{\"status\": 200, \"value\": [1, 2.5, true, null, \"a\\\"b\\u00e9\\n\"], \"o\": {}}");

        assertThat(value).isEqualTo(Map.of("status", 200L, "value", Arrays.asList(1L, 2.5, true, null, "a\"bé\n"),
                "o", Map.of()));
    }

    @Test
    void writesRecordsMapsAndEscapes() {
        String json = Json.write(List.of(new LogEntry(3, "web", "stdout", 17, "say \"hi\"\t"), Map.of("k", 1.5)));

        assertThat(json).isEqualTo("[{\"seq\":3,\"service\":\"web\",\"stream\":\"stdout\",\"timestamp\":17,"
                + "\"text\":\"say \\\"hi\\\"\\t\"},{\"k\":1.5}]");
        assertThat(Json.parse(json)).isInstanceOf(List.class);
    }

    @Test
    void escapesBackslashesAndControlCharacters() {
        String text = "C:\\dir\r\n\u0001\u001f end";

        assertThat(Json.write(text)).isEqualTo("\"C:\\\\dir\\r\\n\\u0001\\u001f end\"");
        assertThat(Json.parse(Json.write(text))).isEqualTo(text);
    }

    @Test
    void writesTheSeriesOfAHistoryAsArrays() {
        String json = Json.write(new ServiceHistory("web", new double[] {1.5, Double.NaN}, new long[] {100, 200}, 5000));

        assertThat(json).isEqualTo("{\"service\":\"web\",\"cpuPercent\":[1.5,null],\"rssBytes\":[100,200],\"intervalMillis\":5000}");
    }

    @Test
    void rejectsTextThatIsNotJson() {
        assertThatThrownBy(() -> Json.parse("{\"a\": }")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not valid JSON at character");
        assertThatThrownBy(() -> Json.parse("<html>")).isInstanceOf(IllegalArgumentException.class);
    }
}
