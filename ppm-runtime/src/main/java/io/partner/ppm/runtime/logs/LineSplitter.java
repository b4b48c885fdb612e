package io.partner.ppm.runtime.logs;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Finds the lines in a buffer and cuts the ones that are too long. A line is cut into pieces of
 * {@link #MAX_PIECE} bytes (fewer when the cut would fall inside a UTF-8 character), so that no line
 * is ever held whole in memory.
 */
final class LineSplitter {

    /** Largest piece of a line relayed as one output line. */
    static final int MAX_PIECE = 64 * 1024;

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long NEWLINES = 0x0A0A0A0A0A0A0A0AL;
    private static final long LOW_SEVEN_BITS = 0x7F7F7F7F7F7F7F7FL;

    private LineSplitter() {
    }

    /**
     * Adds to {@code batch} every complete line of {@code buf[from, to)} and the pieces of any line
     * longer than {@link #MAX_PIECE}. At end of stream the unterminated rest is a line as well.
     *
     * @return where the unprocessed rest (an incomplete line of at most MAX_PIECE bytes) starts
     */
    static int split(byte[] buf, int from, int to, boolean endOfStream, LineBatch batch) {
        // One pass, sixteen bytes per step, every newline of a word handled before the next word.
        int lineStart = from;
        int i = from;
        for (int last = to - 2 * Long.BYTES; i <= last; i += 2 * Long.BYTES) {
            long first = newlineBits((long) LONGS.get(buf, i));
            long second = newlineBits((long) LONGS.get(buf, i + Long.BYTES));
            if ((first | second) != 0) {
                for (; first != 0; first &= first - 1) {
                    lineStart = endLine(buf, lineStart, i + (Long.numberOfTrailingZeros(first) >>> 3), batch);
                }
                for (; second != 0; second &= second - 1) {
                    int newline = i + Long.BYTES + (Long.numberOfTrailingZeros(second) >>> 3);
                    lineStart = endLine(buf, lineStart, newline, batch);
                }
            }
        }
        for (; i < to; i++) {
            if (buf[i] == '\n') {
                lineStart = endLine(buf, lineStart, i, batch);
            }
        }
        lineStart = cutLongLine(buf, lineStart, to, batch);
        if (endOfStream && lineStart < to) {
            batch.addLast(lineStart, to - lineStart);
            lineStart = to;
        }
        return lineStart;
    }

    /**
     * The high bit of every byte of {@code word} that is a newline, and no other bit. (The classic
     * "has zero byte" test can flag a byte after a zero byte too; this exact form cannot.)
     */
    static long newlineBits(long word) {
        long x = word ^ NEWLINES;
        return ~(((x & LOW_SEVEN_BITS) + LOW_SEVEN_BITS) | x | LOW_SEVEN_BITS);
    }

    private static int endLine(byte[] buf, int lineStart, int newline, LineBatch batch) {
        int start = cutLongLine(buf, lineStart, newline, batch);
        batch.addTerminated(start, newline - start);
        return newline + 1;
    }

    /** Emits pieces while more than MAX_PIECE bytes remain before {@code end}; returns the rest's start. */
    private static int cutLongLine(byte[] buf, int start, int end, LineBatch batch) {
        int pos = start;
        while (end - pos > MAX_PIECE) {
            int length = characterBoundary(buf, pos + MAX_PIECE);
            batch.addPiece(pos, length);
            pos += length;
        }
        return pos;
    }

    /**
     * Backs a cut off by up to three bytes so that it does not fall inside a UTF-8 character (the
     * pieces stay valid text when the line was). Returns the piece length.
     */
    private static int characterBoundary(byte[] buf, int cut) {
        for (int back = 0; back <= 3; back++) {
            if ((buf[cut - back] & 0xC0) != 0x80) {
                // An ASCII byte or a lead byte starts the next piece: a clean cut.
                return MAX_PIECE - back;
            }
        }
        return MAX_PIECE; // not UTF-8 here anyway: cut at the full size
    }

    /** Index of the first '\n' in {@code a[from, to)}, or -1. */
    static int indexOfNewline(byte[] a, int from, int to) {
        int i = from;
        for (int last = to - Long.BYTES; i <= last; i += Long.BYTES) {
            long newlines = newlineBits((long) LONGS.get(a, i));
            if (newlines != 0) {
                return i + (Long.numberOfTrailingZeros(newlines) >>> 3);
            }
        }
        for (; i < to; i++) {
            if (a[i] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
