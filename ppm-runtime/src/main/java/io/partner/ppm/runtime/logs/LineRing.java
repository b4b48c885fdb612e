package io.partner.ppm.runtime.logs;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The most recent lines of one service, kept as the bytes that were read: at least the last
 * {@code maxLines} lines as long as they fit in {@code maxBytes}. Text is decoded only when lines
 * are read back. Memory grows with use up to {@code maxBytes}, so a quiet service costs a few
 * kilobytes.
 *
 * <p>Storage is by segment, not by line, so that keeping a chunk of a thousand lines costs one copy
 * and one index entry: a segment is either a run of whole lines, each with its newline, exactly as
 * they arrived, or one line without newline (a piece of a cut line, or a last line at end of
 * stream). Segments sit back to back in a circular byte array, never wrapping around its end. Each
 * segment's start is a virtual position that only ever grows (physical index = position modulo
 * capacity), so a segment is overwritten exactly when the write position has moved more than one
 * capacity past its start. The oldest segment is dropped when the bytes are needed or when the
 * others still hold {@code maxLines} lines. Not thread-safe: {@link ServiceLog} guards it.
 */
final class LineRing {

    /** Largest segment (a reader's whole buffer): a longer run of lines is split. */
    static final int MAX_SEGMENT = BufferPool.READ_BUFFER;
    /** Smallest ring: two of the largest segments. */
    static final int MIN_BYTES = 2 * MAX_SEGMENT;

    private static final int INITIAL_BYTES = 16 * 1024;
    private static final int INITIAL_SEGMENTS = 16;
    private static final byte STDERR = 1;
    private static final byte PARTIAL = 2;
    private static final byte UNTERMINATED = 4;

    private final int maxLines;
    private final int maxBytes;

    private byte[] bytes;
    private long writePosition;

    private long[] starts;
    private int[] lengths;
    private int[] lineCounts;
    private long[] firstSeqs;
    private long[] times;
    private byte[] flags;
    private int oldest;
    private int count;
    private long linesHeld;
    private long nextSeq = 1;

    LineRing(int maxLines, int maxBytes) {
        if (maxLines < 1) {
            throw new IllegalArgumentException("ring must hold at least one line");
        }
        if (maxBytes < MIN_BYTES) {
            throw new IllegalArgumentException("ring must hold at least " + MIN_BYTES + " bytes");
        }
        this.maxLines = maxLines;
        this.maxBytes = maxBytes;
        this.bytes = new byte[INITIAL_BYTES];
        allocateIndex(INITIAL_SEGMENTS);
    }

    /** Sequence number the next appended line gets. */
    long nextSeq() {
        return nextSeq;
    }

    /** Appends the batch's lines, numbering them from {@link #nextSeq()}. */
    void append(byte[] src, LineBatch batch, LogLine.Stream stream, long time) {
        byte streamFlag = stream == LogLine.Stream.STDERR ? STDERR : 0;
        if (batch.isContiguous() && batch.end() - batch.start() <= MAX_SEGMENT) {
            appendSegment(src, batch.start(), batch.end() - batch.start(), batch.size(), time, streamFlag);
            return;
        }
        int runStart = 0;
        int runEnd = 0;
        int runLines = 0;
        for (int i = 0; i < batch.size(); i++) {
            int offset = batch.offset(i);
            int length = batch.length(i);
            boolean joinsRun = batch.terminated(i) && offset == runEnd && runEnd + length + 1 - runStart <= MAX_SEGMENT;
            if (runLines > 0 && !joinsRun) {
                appendSegment(src, runStart, runEnd - runStart, runLines, time, streamFlag);
                runLines = 0;
            }
            if (batch.terminated(i)) {
                if (runLines == 0) {
                    runStart = offset;
                }
                runEnd = offset + length + 1;
                runLines++;
            } else {
                byte flag = (byte) (streamFlag | UNTERMINATED | (batch.partial(i) ? PARTIAL : 0));
                appendSegment(src, offset, length, 1, time, flag);
                runEnd = -1;
            }
        }
        if (runLines > 0) {
            appendSegment(src, runStart, runEnd - runStart, runLines, time, streamFlag);
        }
    }

    private void appendSegment(byte[] src, int offset, int length, int lines, long time, byte flag) {
        while (count > 0 && linesHeld - lineCounts[oldest] + lines >= maxLines) {
            evictOldest();
        }
        if (count == starts.length) {
            rebuild(bytes.length, starts.length * 2);
        }
        while (bytes.length < length) {
            rebuild(Math.min(bytes.length * 2, maxBytes), starts.length);
        }
        long start = placeFor(length);
        while (count > 0 && starts[oldest] < start + length - bytes.length) {
            if (bytes.length < maxBytes) {
                rebuild(Math.min(bytes.length * 2, maxBytes), starts.length);
                start = placeFor(length);
            } else {
                evictOldest();
            }
        }
        System.arraycopy(src, offset, bytes, physical(start), length);
        writePosition = start + length;
        int slot = slot(count);
        starts[slot] = start;
        lengths[slot] = length;
        lineCounts[slot] = lines;
        firstSeqs[slot] = nextSeq;
        times[slot] = time;
        flags[slot] = flag;
        count++;
        linesHeld += lines;
        nextSeq += lines;
    }

    /** Where a segment of {@code length} bytes goes: at the write position, or at the next lap when it would wrap. */
    private long placeFor(int length) {
        int offset = physical(writePosition);
        return offset + length <= bytes.length ? writePosition : writePosition + (bytes.length - offset);
    }

    private void evictOldest() {
        linesHeld -= lineCounts[oldest];
        oldest = (oldest + 1) % starts.length;
        count--;
    }

    /** Lays the live segments out afresh in arrays of the given capacities (used only while growing). */
    private void rebuild(int byteCapacity, int segmentCapacity) {
        byte[] oldBytes = bytes;
        long[] oldStarts = starts;
        int[] oldLengths = lengths;
        int[] oldLineCounts = lineCounts;
        long[] oldFirstSeqs = firstSeqs;
        long[] oldTimes = times;
        byte[] oldFlags = flags;
        int oldOldest = oldest;
        int oldCapacity = starts.length;
        bytes = new byte[byteCapacity];
        allocateIndex(segmentCapacity);
        int position = 0;
        for (int i = 0; i < count; i++) {
            int from = (oldOldest + i) % oldCapacity;
            int length = oldLengths[from];
            System.arraycopy(oldBytes, (int) (oldStarts[from] % oldBytes.length), bytes, position, length);
            starts[i] = position;
            lengths[i] = length;
            lineCounts[i] = oldLineCounts[from];
            firstSeqs[i] = oldFirstSeqs[from];
            times[i] = oldTimes[from];
            flags[i] = oldFlags[from];
            position += length;
        }
        oldest = 0;
        writePosition = position;
    }

    private void allocateIndex(int segmentCapacity) {
        starts = new long[segmentCapacity];
        lengths = new int[segmentCapacity];
        lineCounts = new int[segmentCapacity];
        firstSeqs = new long[segmentCapacity];
        times = new long[segmentCapacity];
        flags = new byte[segmentCapacity];
    }

    /** The last {@code lines} lines, oldest first. */
    List<LogLine> tail(String service, int lines) {
        long wanted = Math.min(lines, linesHeld);
        return since(service, nextSeq - 1 - wanted, (int) wanted);
    }

    /** Up to {@code max} lines with a sequence number above {@code afterSeq}, oldest first. */
    List<LogLine> since(String service, long afterSeq, int max) {
        List<LogLine> result = new ArrayList<>((int) Math.min(max, linesHeld));
        for (int i = 0; i < count && result.size() < max; i++) {
            int slot = slot(i);
            if (firstSeqs[slot] + lineCounts[slot] - 1 > afterSeq) {
                decodeSegment(service, slot, afterSeq, max, result);
            }
        }
        return result;
    }

    private void decodeSegment(String service, int slot, long afterSeq, int max, List<LogLine> result) {
        LogLine.Stream stream = (flags[slot] & STDERR) != 0 ? LogLine.Stream.STDERR : LogLine.Stream.STDOUT;
        int position = physical(starts[slot]);
        int end = position + lengths[slot];
        if ((flags[slot] & UNTERMINATED) != 0) {
            result.add(new LogLine(firstSeqs[slot], service, stream, times[slot],
                    new String(bytes, position, lengths[slot], StandardCharsets.UTF_8), (flags[slot] & PARTIAL) != 0));
            return;
        }
        for (long seq = firstSeqs[slot]; position < end && result.size() < max; seq++) {
            int newline = LineSplitter.indexOfNewline(bytes, position, end);
            if (seq > afterSeq) {
                result.add(new LogLine(seq, service, stream, times[slot],
                        new String(bytes, position, newline - position, StandardCharsets.UTF_8)));
            }
            position = newline + 1;
        }
    }

    private int slot(int index) {
        return (oldest + index) % starts.length;
    }

    private int physical(long position) {
        return (int) (position % bytes.length);
    }
}
