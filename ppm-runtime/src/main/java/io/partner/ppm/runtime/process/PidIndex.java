package io.partner.ppm.runtime.process;

import java.util.Arrays;

/**
 * Maps a pid to an int (a row, a service slot) without boxing: open addressing over two arrays
 * that are kept and cleared between rounds. Pids are positive, so 0 marks a free slot.
 */
public final class PidIndex {

    private int[] keys = new int[64];
    private int[] values = new int[64];
    private int size;

    public void clear() {
        if (size > 0) {
            Arrays.fill(keys, 0);
            size = 0;
        }
    }

    /** Associates {@code value} with {@code pid} (pid > 0), replacing an earlier value. */
    public void put(int pid, int value) {
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int slot = slotOf(pid, keys);
        if (keys[slot] == 0) {
            keys[slot] = pid;
            size++;
        }
        values[slot] = value;
    }

    /** The value of {@code pid}, or -1 when it has none. */
    public int get(int pid) {
        if (pid <= 0) {
            return -1;
        }
        int slot = slotOf(pid, keys);
        return keys[slot] == pid ? values[slot] : -1;
    }

    private static int slotOf(int pid, int[] table) {
        int mask = table.length - 1;
        int hash = pid * 0x9E3779B9;
        int slot = (hash ^ hash >>> 16) & mask;
        while (table[slot] != 0 && table[slot] != pid) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        int[] oldKeys = keys;
        int[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slotOf(oldKeys[i], keys);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }
}
