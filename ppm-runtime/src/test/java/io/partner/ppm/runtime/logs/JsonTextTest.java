package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonTextTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void anyBytesBecomeAJsonStringThatReadsBackAsJavaDecodesThem() throws Exception {
        Random random = new Random(7);
        for (int round = 0; round < 2_000; round++) {
            byte[] raw = new byte[random.nextInt(80)];
            // Half the rounds mostly plain text (skipped a word at a time), half dense with trouble.
            int plainShare = round % 2 == 0 ? 1 : 40;
            for (int i = 0; i < raw.length; i++) {
                int kind = random.nextInt(plainShare + 3);
                raw[i] = (byte) (kind < plainShare
                        ? 0x20 + random.nextInt(0x60) // printable ASCII, quote and backslash included
                        : switch (kind - plainShare) {
                            case 0 -> random.nextInt(0x20);          // controls
                            case 1 -> 0x80 + random.nextInt(0x40);   // continuation bytes
                            default -> 0xC0 + random.nextInt(0x40);  // lead bytes, valid or not
                        });
            }
            ByteBuilder out = new ByteBuilder(16);
            out.put((byte) '"');
            JsonText.appendEscaped(out, raw, 0, raw.length);
            out.put((byte) '"');
            String json = new String(out.array(), 0, out.size(), StandardCharsets.UTF_8);

            assertThat(MAPPER.readValue(json, String.class)).as("bytes %s", java.util.HexFormat.of().formatHex(raw))
                    .isEqualTo(new String(raw, StandardCharsets.UTF_8));
        }
    }
}
