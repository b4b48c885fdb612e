package io.partner.ppm.runtime.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Writes raw output bytes as the inside of a JSON string. Valid UTF-8 is copied as is; quote,
 * backslash and control characters are escaped; every ill-formed UTF-8 sequence becomes one U+FFFD,
 * exactly as Java's UTF-8 decoder replaces it (so JSON output and {@code ppm logs} show the same
 * text): the maximal subpart of Unicode's recommended practice, except that an encoded surrogate
 * ({@code ED A0..BF 80..BF}) counts as one sequence.
 */
final class JsonText {

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080808080808080L;
    private static final byte[] REPLACEMENT = {(byte) 0xEF, (byte) 0xBF, (byte) 0xBD};

    private JsonText() {
    }

    static void appendEscaped(ByteBuilder out, byte[] src, int offset, int length) {
        int end = offset + length;
        int run = offset; // start of bytes that can be copied verbatim
        int i = offset;
        while (i < end) {
            while (i <= end - Long.BYTES && isPlainAscii((long) LONGS.get(src, i))) {
                i += Long.BYTES;
            }
            if (i == end) {
                break;
            }
            int b = src[i] & 0xFF;
            if (b >= 0x20 && b < 0x80 && b != '"' && b != '\\') {
                i++;
                continue;
            }
            int valid = 0;
            if (b >= 0x80) {
                valid = validSequenceLength(src, i, end);
                if (valid > 0) {
                    i += valid;
                    continue;
                }
            }
            out.put(src, run, i - run);
            if (valid < 0) {
                out.put(REPLACEMENT);
                i -= valid;
            } else {
                appendEscape(out, b);
                i++;
            }
            run = i;
        }
        out.put(src, run, end - run);
    }

    /** True when all eight bytes are printable ASCII other than quote and backslash. */
    private static boolean isPlainAscii(long word) {
        long nonAscii = word & HIGH_BITS;
        long control = (word - 0x2020202020202020L) & ~word & HIGH_BITS;
        long quote = zeroBytes(word ^ 0x2222222222222222L);
        long backslash = zeroBytes(word ^ 0x5C5C5C5C5C5C5C5CL);
        return (nonAscii | control | quote | backslash) == 0;
    }

    /** Flags (at least) the zero bytes of {@code x}; never misses one. */
    private static long zeroBytes(long x) {
        return (x - 0x0101010101010101L) & ~x & HIGH_BITS;
    }

    private static void appendEscape(ByteBuilder out, int b) {
        out.ensure(6);
        out.putUnchecked((byte) '\\');
        switch (b) {
            case '"' -> out.putUnchecked((byte) '"');
            case '\\' -> out.putUnchecked((byte) '\\');
            case '\n' -> out.putUnchecked((byte) 'n');
            case '\r' -> out.putUnchecked((byte) 'r');
            case '\t' -> out.putUnchecked((byte) 't');
            case '\b' -> out.putUnchecked((byte) 'b');
            case '\f' -> out.putUnchecked((byte) 'f');
            default -> {
                out.putUnchecked((byte) 'u');
                out.putUnchecked((byte) '0');
                out.putUnchecked((byte) '0');
                out.putUnchecked(HEX[b >> 4]);
                out.putUnchecked(HEX[b & 0xF]);
            }
        }
    }

    /**
     * Length of the well-formed UTF-8 sequence starting at {@code i} (lead byte 0x80 or above), or,
     * when it is ill-formed, minus the length of its maximal subpart (at least 1) that one U+FFFD
     * replaces.
     */
    static int validSequenceLength(byte[] src, int i, int end) {
        int lead = src[i] & 0xFF;
        int length;
        int secondLow = 0x80;
        int secondHigh = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0) {
                secondLow = 0xA0; // no overlong forms
            }
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0) {
                secondLow = 0x90;
            } else if (lead == 0xF4) {
                secondHigh = 0x8F; // nothing above U+10FFFF
            }
        } else {
            return -1; // a stray continuation byte, an overlong lead (C0, C1) or F5..FF
        }
        for (int k = 1; k < length; k++) {
            if (i + k >= end) {
                return -k;
            }
            int b = src[i + k] & 0xFF;
            int low = k == 1 ? secondLow : 0x80;
            int high = k == 1 ? secondHigh : 0xBF;
            if (b < low || b > high) {
                return -k;
            }
        }
        if (lead == 0xED && (src[i + 1] & 0xFF) >= 0xA0) {
            return -3; // an encoded surrogate: one replacement for all three bytes, as Java's decoder does
        }
        return length;
    }
}
