package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The tree fields of one process's {@code /proc/PID/stat}, as a value tests can compare, read with
 * the daemon's one parser ({@link StatLine}).
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
        return StatLine.isAlive(state);
    }

    /** Reads {@code /proc/PID/stat}; empty when the process is gone or the file is unreadable. */
    static Optional<ProcStat> read(Path procDirectory) {
        try {
            return parse(Files.readAllBytes(procDirectory.resolve("stat")));
        } catch (IOException e) {
            // The process ended meanwhile.
            return Optional.empty();
        }
    }

    static Optional<ProcStat> parse(String line) {
        return parse(line.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Optional<ProcStat> parse(byte[] bytes) {
        StatLine line = new StatLine();
        if (!line.parse(bytes, bytes.length)) {
            return Optional.empty();
        }
        return Optional.of(new ProcStat(line.pid(), line.state(), line.ppid(), line.pgrp(), line.session()));
    }
}
