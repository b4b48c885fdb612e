package io.partner.ppm.runtime.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** {@code [timestamp ]name | line}: the line's bytes are copied unchanged. */
final class TextLineFormatter extends LineFormatter {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] prefix;
    private final Timestamps timestamps;
    /** What goes before every line of the current chunk ({@code [timestamp ]name | }), as whole words. */
    private long[] headWords;
    private int headLength;
    private long headMillis = Long.MIN_VALUE;

    TextLineFormatter(String service, boolean withTimestamps) {
        this.prefix = (service + " | ").getBytes(StandardCharsets.UTF_8);
        this.timestamps = withTimestamps ? new Timestamps() : null;
        if (timestamps == null) {
            setHead(prefix);
        }
    }

    @Override
    void beginChunk(long epochMillis) {
        if (timestamps != null && epochMillis != headMillis) {
            headMillis = epochMillis;
            byte[] head = new byte[Timestamps.LENGTH + 1 + prefix.length];
            System.arraycopy(timestamps.format(epochMillis), 0, head, 0, Timestamps.LENGTH);
            head[Timestamps.LENGTH] = ' ';
            System.arraycopy(prefix, 0, head, Timestamps.LENGTH + 1, prefix.length);
            setHead(head);
        }
    }

    private void setHead(byte[] head) {
        byte[] padded = new byte[(head.length + Long.BYTES - 1) / Long.BYTES * Long.BYTES];
        System.arraycopy(head, 0, padded, 0, head.length);
        long[] words = new long[padded.length / Long.BYTES];
        for (int i = 0; i < words.length; i++) {
            words[i] = (long) LONGS.get(padded, i * Long.BYTES);
        }
        headWords = words;
        headLength = head.length;
    }

    @Override
    int appendLines(ByteBuilder out, byte[] src, LineBatch batch, int from, int limit) {
        // Works on the builder's array directly: this loop runs once per relayed line. The head goes
        // out as whole words; the padding past its end is overwritten by the line right after.
        long[] head = headWords;
        int headBytes = headLength;
        int slack = head.length * Long.BYTES - headBytes;
        byte[] dst = out.array();
        int size = out.size();
        int i = from;
        for (; i < batch.size() && size < limit; i++) {
            int offset = batch.offset(i);
            int length = batch.length(i);
            int needed = headBytes + slack + length + 1;
            if (size + needed > dst.length) {
                out.setSize(size);
                out.ensure(needed);
                dst = out.array();
            }
            for (int w = 0; w < head.length; w++) {
                LONGS.set(dst, size + w * Long.BYTES, head[w]);
            }
            size += headBytes;
            if (batch.terminated(i)) {
                System.arraycopy(src, offset, dst, size, length + 1); // the newline comes along
            } else {
                System.arraycopy(src, offset, dst, size, length);
                dst[size + length] = '\n';
            }
            size += length + 1;
        }
        out.setSize(size);
        return i;
    }

    /**
     * Stops at a line without newline in {@code src[from, to)} or longer than a piece. The line's
     * bytes are copied sixteen at a time while they are scanned for the newline; bytes copied past
     * a newline are overwritten by the next head and line.
     */
    @Override
    int appendShortLines(ByteBuilder out, byte[] src, int from, int to, LineBatch batch, int limit) {
        long[] head = headWords;
        int headBytes = headLength;
        int headSpan = head.length * Long.BYTES;
        out.ensure(headSpan + (to - from) + Long.BYTES);
        byte[] dst = out.array();
        int size = out.size();
        int lineStart = from;
        lines:
        while (size < limit) {
            if (size + headSpan + (to - lineStart) + Long.BYTES > dst.length) {
                out.setSize(size);
                out.ensure(headSpan + (to - lineStart) + Long.BYTES);
                dst = out.array();
            }
            for (int w = 0; w < head.length; w++) {
                LONGS.set(dst, size + w * Long.BYTES, head[w]);
            }
            int shift = size + headBytes - lineStart; // dst index of src[p] is p + shift
            int scanEnd = Math.min(to, lineStart + LineSplitter.MAX_PIECE + 1);
            int p = lineStart;
            for (int last = scanEnd - 2 * Long.BYTES; p <= last; p += 2 * Long.BYTES) {
                long first = (long) LONGS.get(src, p);
                long second = (long) LONGS.get(src, p + Long.BYTES);
                LONGS.set(dst, p + shift, first);
                LONGS.set(dst, p + Long.BYTES + shift, second);
                long newlines1 = LineSplitter.newlineBits(first);
                long newlines2 = LineSplitter.newlineBits(second);
                if ((newlines1 | newlines2) != 0) {
                    int newline = newlines1 != 0
                            ? p + (Long.numberOfTrailingZeros(newlines1) >>> 3)
                            : p + Long.BYTES + (Long.numberOfTrailingZeros(newlines2) >>> 3);
                    batch.addTerminated(lineStart, newline - lineStart);
                    size = newline + 1 + shift;
                    lineStart = newline + 1;
                    continue lines;
                }
            }
            for (; p < scanEnd; p++) {
                byte b = src[p];
                dst[p + shift] = b;
                if (b == '\n') {
                    batch.addTerminated(lineStart, p - lineStart);
                    size = p + 1 + shift;
                    lineStart = p + 1;
                    continue lines;
                }
            }
            break; // no newline within reach: the line is incomplete or must be cut
        }
        out.setSize(size);
        return lineStart;
    }
}
