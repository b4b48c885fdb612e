package io.partner.ppm.api;

import java.util.Locale;

/**
 * The Linux signals PPM knows by name, with their x86_64/aarch64 numbers.
 *
 * <p>{@link #parse(String)} accepts {@code TERM}, {@code SIGTERM}, {@code sigterm} and {@code 15}.
 */
public enum Signal {
    HUP(1), INT(2), QUIT(3), ILL(4), TRAP(5), ABRT(6), BUS(7), FPE(8), KILL(9), USR1(10), SEGV(11),
    USR2(12), PIPE(13), ALRM(14), TERM(15), STKFLT(16), CHLD(17), CONT(18), STOP(19), TSTP(20),
    TTIN(21), TTOU(22), URG(23), XCPU(24), XFSZ(25), VTALRM(26), PROF(27), WINCH(28), IO(29), PWR(30),
    SYS(31);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The conventional name with its prefix, e.g. {@code SIGTERM}. */
    public String fullName() {
        return "SIG" + name();
    }

    /** True for the signals that stop (pause) a process. */
    public boolean isStop() {
        return this == STOP || this == TSTP || this == TTIN || this == TTOU;
    }

    /**
     * Parses a signal name or number.
     *
     * @throws IllegalArgumentException with a message naming the bad value
     */
    public static Signal parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty signal name");
        }
        String s = text.trim().toUpperCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit)) {
            try {
                return ofNumber(Integer.parseInt(s));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown signal '" + text + "'");
            }
        }
        if (s.startsWith("SIG")) {
            s = s.substring(3);
        }
        try {
            return valueOf(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown signal '" + text + "' (use a name such as TERM, INT, HUP, KILL, USR1)");
        }
    }

    /** The signal with this number; IllegalArgumentException when there is none. */
    public static Signal ofNumber(int number) {
        for (Signal signal : values()) {
            if (signal.number == number) {
                return signal;
            }
        }
        throw new IllegalArgumentException("unknown signal number " + number);
    }

    /** The name for a number, or {@code SIG<number>} for real-time and unknown signals. */
    public static String nameOf(int number) {
        for (Signal signal : values()) {
            if (signal.number == number) {
                return signal.name();
            }
        }
        return "SIG" + number;
    }
}
