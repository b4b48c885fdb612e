package io.partner.ppm.runtime.logs;

import java.util.Arrays;

/** A growable byte array that output lines are assembled in before one write to a sink. */
final class ByteBuilder {

    private byte[] bytes;
    private int size;

    ByteBuilder(int initialCapacity) {
        bytes = new byte[initialCapacity];
    }

    /** Makes room for {@code extra} more bytes. */
    void ensure(int extra) {
        int needed = size + extra;
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }

    /** Appends without a capacity check: call {@link #ensure} first. */
    void putUnchecked(byte b) {
        bytes[size++] = b;
    }

    /** Appends without a capacity check: call {@link #ensure} first. */
    void putUnchecked(byte[] src, int offset, int length) {
        System.arraycopy(src, offset, bytes, size, length);
        size += length;
    }

    void put(byte b) {
        ensure(1);
        putUnchecked(b);
    }

    void put(byte[] src) {
        put(src, 0, src.length);
    }

    void put(byte[] src, int offset, int length) {
        ensure(length);
        putUnchecked(src, offset, length);
    }

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    /** For code that writes into {@link #array()} directly: the new size, within the capacity. */
    void setSize(int newSize) {
        size = newSize;
    }

    void reset() {
        size = 0;
    }

    int capacity() {
        return bytes.length;
    }

    /** Gives memory back after a burst: only when empty. */
    void shrinkTo(int capacity) {
        if (size == 0 && bytes.length > capacity) {
            bytes = new byte[capacity];
        }
    }
}
