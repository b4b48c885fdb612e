package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The fields of {@code /proc/PID/stat} that place a process in the process tree.
 *
 * @param pid the process id
 * @param state the one-letter state ({@code R}, {@code S}, {@code Z} for a zombie, ...)
 * @param ppid the parent's pid
 * @param pgrp the process group id
 * @param session the session id
 */
record ProcStat(long pid, char state, long ppid, long pgrp, long session) {

    /** Whether the process still runs (or sleeps, or is stopped): neither a zombie nor dead. */
    boolean isAlive() {
        return state != 'Z' && state != 'X' && state != 'x';
    }

    /** Reads {@code /proc/PID/stat}; empty when the process is gone or the file is unreadable. */
    static Optional<ProcStat> read(Path procDirectory) {
        try {
            return parse(new String(Files.readAllBytes(procDirectory.resolve("stat")), StandardCharsets.ISO_8859_1));
        } catch (IOException e) {
            // The process ended between listing /proc and reading its file.
            return Optional.empty();
        }
    }

    /**
     * Parses a stat line: {@code pid (comm) state ppid pgrp session ...}. The command name may hold
     * spaces and parentheses, so the fields are counted from the last ')'.
     */
    static Optional<ProcStat> parse(String line) {
        int open = line.indexOf(" (");
        int close = line.lastIndexOf(')');
        if (open < 0 || close < open || close + 2 >= line.length()) {
            return Optional.empty();
        }
        String[] fields = line.substring(close + 2).split(" ", 5);
        if (fields.length < 4 || fields[0].isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ProcStat(Long.parseLong(line.substring(0, open)), fields[0].charAt(0),
                    Long.parseLong(fields[1]), Long.parseLong(fields[2]), Long.parseLong(fields[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
