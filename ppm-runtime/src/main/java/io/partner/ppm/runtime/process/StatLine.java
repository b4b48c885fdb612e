package io.partner.ppm.runtime.process;

/**
 * The one parser of {@code /proc/PID/stat}: the fields that place a process in the process tree
 * (stopping and sampling both need them) and those that sampling measures. One instance is reused
 * for every process of a pass over {@code /proc}: {@link #parse} overwrites all fields. Parsing works
 * on the bytes in place, so a pass creates no String per process.
 *
 * <p>The line is {@code pid (comm) state ppid pgrp session ... utime stime cutime cstime ...
 * num_threads itrealvalue starttime vsize rss ...} (proc(5)). The command name may contain spaces
 * and parentheses, so fields are counted from the last {@code ')'}.
 */
public final class StatLine {

    // Field positions counted from the state field right after "(comm) " (proc(5) number minus 3).
    private static final int STATE = 0;
    private static final int PPID = 1;
    private static final int PGRP = 2;
    private static final int SESSION = 3;
    private static final int UTIME = 11;
    private static final int STIME = 12;
    private static final int CUTIME = 13;
    private static final int CSTIME = 14;
    private static final int NUM_THREADS = 17;
    private static final int START_TIME = 19;
    private static final int RSS = 21;

    int pid;
    /** The one-letter state: {@code R}, {@code S}, {@code Z} for a zombie, ... */
    char state;
    int ppid;
    int pgrp;
    int session;
    /** utime + stime, in clock ticks. */
    long ownTicks;
    /** cutime + cstime: CPU of children this process has waited for, in clock ticks. */
    long reapedChildrenTicks;
    int threads;
    /** Clock ticks after boot when the process started: tells a reused pid from the original. */
    long startTime;
    long rssPages;

    public int pid() {
        return pid;
    }

    public char state() {
        return state;
    }

    public int ppid() {
        return ppid;
    }

    public int pgrp() {
        return pgrp;
    }

    public int session() {
        return session;
    }

    /** utime + stime, in clock ticks. */
    public long ownTicks() {
        return ownTicks;
    }

    public int threads() {
        return threads;
    }

    public long rssPages() {
        return rssPages;
    }

    /** Whether the process still runs (or sleeps, or is stopped): neither a zombie nor dead. */
    public boolean isAlive() {
        return isAlive(state);
    }

    static boolean isAlive(char state) {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /**
     * Reads the fields from {@code bytes[0, length)}.
     *
     * @return false when the line is cut short or malformed
     */
    public boolean parse(byte[] bytes, int length) {
        int open = ProcText.indexOf(bytes, 0, length, (byte) ' ');
        int close = ProcText.lastIndexOf(bytes, length, (byte) ')');
        if (open <= 0 || close < open) {
            return false;
        }
        for (int i = 0; i < open; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        pid = (int) ProcText.parseLong(bytes, 0, open);
        long utime = 0;
        long stime = 0;
        long cutime = 0;
        long cstime = 0;
        int field = 0;
        int position = close + 2;
        while (position < length && field <= RSS) {
            int end = position;
            while (end < length && bytes[end] != ' ' && bytes[end] != '\n') {
                end++;
            }
            switch (field) {
                case STATE -> state = end > position ? (char) bytes[position] : '?';
                case PPID -> ppid = (int) ProcText.parseLong(bytes, position, end);
                case PGRP -> pgrp = (int) ProcText.parseLong(bytes, position, end);
                case SESSION -> session = (int) ProcText.parseLong(bytes, position, end);
                case UTIME -> utime = ProcText.parseLong(bytes, position, end);
                case STIME -> stime = ProcText.parseLong(bytes, position, end);
                case CUTIME -> cutime = ProcText.parseLong(bytes, position, end);
                case CSTIME -> cstime = ProcText.parseLong(bytes, position, end);
                case NUM_THREADS -> threads = (int) ProcText.parseLong(bytes, position, end);
                case START_TIME -> startTime = ProcText.parseLong(bytes, position, end);
                case RSS -> rssPages = ProcText.parseLong(bytes, position, end);
                default -> {
                    // a field sampling does not use
                }
            }
            position = end + 1;
            field++;
        }
        ownTicks = utime + stime;
        reapedChildrenTicks = cutime + cstime;
        return field > RSS;
    }
}
