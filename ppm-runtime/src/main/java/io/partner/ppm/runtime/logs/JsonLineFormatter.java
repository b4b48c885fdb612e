package io.partner.ppm.runtime.logs;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One JSON object per line:
 * {@code {"time":"...","service":"web","stream":"stdout","line":"...","partial":true}}, where
 * {@code partial} appears only on the pieces of a cut line that continue in the next one.
 */
final class JsonLineFormatter extends LineFormatter {

    private static final byte[] TIME_KEY = bytes("{\"time\":\"");
    private static final byte[] END_WHOLE = bytes("\"}\n");
    private static final byte[] END_PARTIAL = bytes("\",\"partial\":true}\n");

    private final Timestamps timestamps = new Timestamps();
    /** {@code {"time":"<ts>","service":"<name>","stream":"<stream>","line":"}: all but the line. */
    private final byte[] head;

    JsonLineFormatter(String service, LogLine.Stream stream) {
        ByteBuilder rest = new ByteBuilder(64);
        rest.put(bytes("\",\"service\":\""));
        byte[] name = bytes(service);
        JsonText.appendEscaped(rest, name, 0, name.length);
        rest.put(bytes("\",\"stream\":\"" + stream.name().toLowerCase(Locale.ROOT) + "\",\"line\":\""));
        head = new byte[TIME_KEY.length + Timestamps.LENGTH + rest.size()];
        System.arraycopy(TIME_KEY, 0, head, 0, TIME_KEY.length);
        System.arraycopy(rest.array(), 0, head, TIME_KEY.length + Timestamps.LENGTH, rest.size());
    }

    @Override
    void beginChunk(long epochMillis) {
        System.arraycopy(timestamps.format(epochMillis), 0, head, TIME_KEY.length, Timestamps.LENGTH);
    }

    @Override
    int appendLines(ByteBuilder out, byte[] src, LineBatch batch, int from, int limit) {
        int i = from;
        for (; i < batch.size() && out.size() < limit; i++) {
            out.put(head);
            JsonText.appendEscaped(out, src, batch.offset(i), batch.length(i));
            out.put(batch.partial(i) ? END_PARTIAL : END_WHOLE);
        }
        return i;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
