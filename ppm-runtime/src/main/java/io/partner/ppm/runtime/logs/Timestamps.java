package io.partner.ppm.runtime.logs;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * ISO-8601 UTC timestamps with milliseconds and a fixed width ({@code 2026-05-01T12:34:56.789Z}),
 * as bytes. Each instance remembers the last millisecond it formatted: all lines read in one chunk
 * share a timestamp, so formatting costs once per chunk, not once per line.
 */
final class Timestamps {

    static final int LENGTH = 24;

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final byte[] bytes = new byte[LENGTH];
    private long formattedMillis = Long.MIN_VALUE;

    /** The timestamp for {@code epochMillis}; the returned array is reused by the next call. */
    byte[] format(long epochMillis) {
        if (epochMillis != formattedMillis) {
            byte[] text = FORMAT.format(Instant.ofEpochMilli(epochMillis)).getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, bytes, 0, LENGTH);
            formattedMillis = epochMillis;
        }
        return bytes;
    }

    static String toText(long epochMillis) {
        return FORMAT.format(Instant.ofEpochMilli(epochMillis));
    }
}
