package io.partner.ppm.runtime.process;

/**
 * Byte-level scanning of /proc text. /proc files are ASCII; parsing the bytes in place keeps a
 * sampling round from creating a String per field.
 */
public final class ProcText {

    private ProcText() {
    }

    /**
     * The decimal number at {@code from}, with an optional leading minus sign, up to the first
     * byte that is not a digit or {@code to}. Returns 0 when there is no digit.
     */
    public static long parseLong(byte[] bytes, int from, int to) {
        int i = from;
        boolean negative = i < to && bytes[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            value = value * 10 + digit;
        }
        return negative ? -value : value;
    }

    public static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    public static int lastIndexOf(byte[] bytes, int to, byte wanted) {
        for (int i = to - 1; i >= 0; i--) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code bytes[from, to)} holds exactly {@code expected}. */
    public static boolean equalsAscii(byte[] bytes, int from, int to, byte[] expected) {
        if (to - from != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (bytes[from + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** Index of the first byte at or after {@code from} that is neither a space nor a tab. */
    public static int skipBlanks(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return i;
    }

    /** The number a directory name in /proc stands for, or -1 when the name is not all digits. */
    public static int parsePid(String name) {
        int length = name.length();
        if (length == 0 || length > 9) {
            return -1;
        }
        int value = 0;
        for (int i = 0; i < length; i++) {
            int digit = name.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
