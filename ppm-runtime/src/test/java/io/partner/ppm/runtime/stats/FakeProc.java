package io.partner.ppm.runtime.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A /proc tree in a temporary directory, written the way the kernel formats it, so tree
 * membership and interval arithmetic can be checked exactly. It has no {@code self/}, so the
 * sampler uses Linux's default units (4 KiB pages, 100 ticks per second).
 */
final class FakeProc {

    static final long PAGE = 4096;

    private final Path root;

    FakeProc(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** A process with all times in its own utime. */
    FakeProc process(int pid, int ppid, int pgrp, int session, long ticks, long rssPages, int threads) {
        return process(pid, ppid, pgrp, session, ticks, 0, rssPages, threads, 1000 + pid);
    }

    FakeProc process(int pid, int ppid, int pgrp, int session, long ticks, long reapedTicks, long rssPages,
            int threads, long startTime) {
        // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt
        // utime stime cutime cstime priority nice num_threads itrealvalue starttime vsize rss ...
        String line = pid + " (odd) name) S " + ppid + " " + pgrp + " " + session + " 0 -1 4194560 12 0 0 0 "
                + ticks + " 0 " + reapedTicks + " 0 20 0 " + threads + " 0 " + startTime + " 10000000 "
                + rssPages + " 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
        return write(pid + "/stat", line);
    }

    FakeProc io(int pid, long readBytes, long writeBytes) {
        return write(pid + "/io", "rchar: " + (readBytes * 3) + "\nwchar: " + (writeBytes * 3)
                + "\nsyscr: 10\nsyscw: 10\nread_bytes: " + readBytes + "\nwrite_bytes: " + writeBytes
                + "\ncancelled_write_bytes: 0\n");
    }

    /** An io file of a kernel without task I/O accounting: character counts only. */
    FakeProc ioCharactersOnly(int pid, long rchar, long wchar) {
        return write(pid + "/io", "rchar: " + rchar + "\nwchar: " + wchar + "\nsyscr: 1\nsyscw: 1\n");
    }

    FakeProc openFiles(int pid, int count) {
        try {
            Path fd = Files.createDirectories(root.resolve(pid + "/fd"));
            for (int i = 0; i < count; i++) {
                Files.writeString(fd.resolve(Integer.toString(i)), "");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** The process is gone, as if it exited and was reaped. */
    FakeProc exit(int pid) {
        try (var files = Files.walk(root.resolve(Integer.toString(pid)))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A directory listed in /proc whose files are gone by the time they are read. */
    FakeProc vanishing(int pid) {
        try {
            Files.createDirectories(root.resolve(Integer.toString(pid)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    FakeProc write(String relative, String content) {
        try {
            Path file = root.resolve(relative);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
