package io.partner.ppm.runtime.stats;

import io.partner.ppm.runtime.process.ProcText;
import java.nio.charset.StandardCharsets;

/**
 * The byte counters of one {@code /proc/PID/io} file. One instance is reused for every process.
 *
 * <p>{@code read_bytes}/{@code write_bytes} count what reached the storage layer (page-cache
 * misses and write-back), which is what "disk read/write" means. Kernels built without task I/O
 * accounting only have {@code rchar}/{@code wchar} (every byte passed to read/write calls, pipes
 * and sockets included); those are used when the storage counters are missing.
 */
final class IoLine {

    private static final byte[] READ_BYTES = ascii("read_bytes");
    private static final byte[] WRITE_BYTES = ascii("write_bytes");
    private static final byte[] RCHAR = ascii("rchar");
    private static final byte[] WCHAR = ascii("wchar");

    long readBytes;
    long writeBytes;
    /** Whether the figures are rchar/wchar because the storage counters were missing. */
    boolean characterCounts;

    /**
     * Reads the counters from {@code bytes[0, length)}.
     *
     * @return false when the file has neither storage nor character counters
     */
    boolean parse(byte[] bytes, int length) {
        long storageRead = -1;
        long storageWrite = -1;
        long charRead = -1;
        long charWrite = -1;
        int lineStart = 0;
        while (lineStart < length) {
            int lineEnd = ProcText.indexOf(bytes, lineStart, length, (byte) '\n');
            if (lineEnd < 0) {
                lineEnd = length;
            }
            int colon = ProcText.indexOf(bytes, lineStart, lineEnd, (byte) ':');
            if (colon > 0) {
                long value = ProcText.parseLong(bytes, ProcText.skipBlanks(bytes, colon + 1, lineEnd), lineEnd);
                if (ProcText.equalsAscii(bytes, lineStart, colon, READ_BYTES)) {
                    storageRead = value;
                } else if (ProcText.equalsAscii(bytes, lineStart, colon, WRITE_BYTES)) {
                    storageWrite = value;
                } else if (ProcText.equalsAscii(bytes, lineStart, colon, RCHAR)) {
                    charRead = value;
                } else if (ProcText.equalsAscii(bytes, lineStart, colon, WCHAR)) {
                    charWrite = value;
                }
            }
            lineStart = lineEnd + 1;
        }
        characterCounts = storageRead < 0 || storageWrite < 0;
        readBytes = characterCounts ? charRead : storageRead;
        writeBytes = characterCounts ? charWrite : storageWrite;
        return readBytes >= 0 && writeBytes >= 0;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
