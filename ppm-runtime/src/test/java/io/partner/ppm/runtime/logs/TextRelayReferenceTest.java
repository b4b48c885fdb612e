package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.runtime.config.LogConfig;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Feeds random output in random read sizes through the relay and compares the result with the rule
 * written down the simplest way: split at newlines, cut every 64 KiB, prefix each piece.
 */
class TextRelayReferenceTest {

    private static final InstantSource CLOCK = InstantSource.fixed(Instant.parse("2026-01-02T03:04:05.678Z"));

    @ParameterizedTest
    @ValueSource(strings = {"a", "web", "service-name-that-is-long-enough-to-need-several-words-of-prefix"})
    void relayedTextEqualsTheReferenceForRandomOutputAndReadSizes(String service) throws Exception {
        for (long seed = 1; seed <= 4; seed++) {
            boolean timestamps = seed % 2 == 0;
            byte[] input = randomOutput(new Random(seed));
            byte[] relayed = relay(service, input, new Random(seed * 31), timestamps);
            String head = (timestamps ? "2026-01-02T03:04:05.678Z " : "") + service + " | ";
            assertThat(new String(relayed, StandardCharsets.ISO_8859_1))
                    .as("seed %d", seed)
                    .isEqualTo(new String(reference(head, input), StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void lineOfExactlyOnePieceIsNotCutAndOneByteMoreIs() throws Exception {
        String piece = "p".repeat(LogRelay.MAX_LINE_PIECE);
        byte[] input = (piece + "\n" + piece + "q\n").getBytes(StandardCharsets.US_ASCII);
        byte[] relayed = relay("s", input, new Random(5), false);

        assertThat(new String(relayed, StandardCharsets.US_ASCII))
                .isEqualTo("s | " + piece + "\ns | " + piece + "\ns | q\n");
    }

    private static byte[] relay(String service, byte[] input, Random readSizes, boolean timestamps) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LogConfig config = new LogConfig(LogConfig.Format.TEXT, timestamps);
        try (LogRelay relay = new LogRelay(config, out, new ByteArrayOutputStream(), 100,
                LogRelay.DEFAULT_RING_BYTES, LogRelay.defaultReaderThreads(), CLOCK)) {
            relay.attach(service, new ChoppyInputStream(input, readSizes), null);
            assertThat(relay.awaitDrained(Duration.ofSeconds(60))).isTrue();
        }
        return out.toByteArray();
    }

    /** Lines of every awkward length: empty, around word sizes, around the piece size, far beyond. */
    private static byte[] randomOutput(Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] awkward = {
            0, 1, 7, 8, 9, 15, 16, 17, 31, 32, 33, 65_535, 65_536, 65_537, 131_071, 131_072, 131_073, 300_000
        };
        while (out.size() < 3_000_000) {
            int length = switch (random.nextInt(10)) {
                case 0 -> awkward[random.nextInt(awkward.length)];
                case 1 -> random.nextInt(200_000);
                default -> random.nextInt(120);
            };
            for (int i = 0; i < length; i++) {
                out.write('!' + random.nextInt(94));
            }
            out.write('\n');
        }
        for (int i = random.nextInt(100); i > 0; i--) {
            out.write('z'); // a last line without newline
        }
        return out.toByteArray();
    }

    private static byte[] reference(String head, byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        int start = 0;
        while (start < input.length) {
            int newline = start;
            while (newline < input.length && input[newline] != '\n') {
                newline++;
            }
            for (int piece = start; piece < newline || piece == start; piece += LogRelay.MAX_LINE_PIECE) {
                out.writeBytes(headBytes);
                out.write(input, piece, Math.min(LogRelay.MAX_LINE_PIECE, newline - piece));
                out.write('\n');
            }
            start = newline + 1;
        }
        return out.toByteArray();
    }

    /** Serves its bytes in reads of random size, as a pipe does under varying load. */
    private static final class ChoppyInputStream extends InputStream {

        private final byte[] bytes;
        private final Random sizes;
        private int position;

        ChoppyInputStream(byte[] bytes, Random sizes) {
            this.bytes = bytes;
            this.sizes = sizes;
        }

        @Override
        public int read() {
            return position < bytes.length ? bytes[position++] & 0xFF : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (position >= bytes.length) {
                return -1;
            }
            int wanted = 1 + sizes.nextInt(sizes.nextBoolean() ? 100 : 200_000);
            int size = Math.min(len, Math.min(bytes.length - position, wanted));
            System.arraycopy(bytes, position, b, off, size);
            position += size;
            return size;
        }
    }
}
