package io.partner.ppm.runtime.logs;

import java.util.Arrays;

/**
 * The lines found in one chunk of a stream, as offsets into the chunk's buffer. Reused from chunk to
 * chunk so that relaying allocates nothing per line.
 *
 * <p>Most lines are terminated: the byte after them in the buffer is their newline, and
 * consecutive terminated lines sit back to back. The exceptions are the pieces of a cut line and a
 * last line at end of stream; a batch without them is {@linkplain #isContiguous() contiguous} and
 * can be stored or written as one block of bytes.
 */
final class LineBatch {

    private static final byte TERMINATED = 0;
    private static final byte PARTIAL = 1;
    private static final byte UNTERMINATED = 2;

    private int[] offsets = new int[128];
    private int[] lengths = new int[128];
    private byte[] kinds = new byte[128];
    private int size;
    private int unterminated;

    void clear() {
        size = 0;
        unterminated = 0;
    }

    /** A line whose newline follows it in the buffer. */
    void addTerminated(int offset, int length) {
        add(offset, length, TERMINATED);
    }

    /** A piece of a cut line: it continues in the next entry. */
    void addPiece(int offset, int length) {
        add(offset, length, PARTIAL);
        unterminated++;
    }

    /** A last line that ended at end of stream, without newline. */
    void addLast(int offset, int length) {
        add(offset, length, UNTERMINATED);
        unterminated++;
    }

    private void add(int offset, int length, byte kind) {
        if (size == offsets.length) {
            int capacity = size * 2;
            offsets = Arrays.copyOf(offsets, capacity);
            lengths = Arrays.copyOf(lengths, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
        }
        offsets[size] = offset;
        lengths[size] = length;
        kinds[size] = kind;
        size++;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int offset(int i) {
        return offsets[i];
    }

    int length(int i) {
        return lengths[i];
    }

    boolean partial(int i) {
        return kinds[i] == PARTIAL;
    }

    boolean terminated(int i) {
        return kinds[i] == TERMINATED;
    }

    /** Every line is terminated: together they are the bytes from {@link #start()} to {@link #end()}. */
    boolean isContiguous() {
        return unterminated == 0 && size > 0;
    }

    /** Where the first line starts. */
    int start() {
        return offsets[0];
    }

    /** Just after the last line's newline, for a contiguous batch. */
    int end() {
        return offsets[size - 1] + lengths[size - 1] + 1;
    }
}
