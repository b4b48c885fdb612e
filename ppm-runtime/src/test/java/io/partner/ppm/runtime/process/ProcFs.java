package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What tests read from /proc about processes, their descriptors and the test JVM itself. */
final class ProcFs {

    private ProcFs() {
    }

    static ProcStat stat(long pid) {
        return ProcStat.read(Path.of("/proc", Long.toString(pid))).orElseThrow(
                () -> new AssertionError("process " + pid + " is gone"));
    }

    static Optional<ProcStat> statIfAlive(long pid) {
        return ProcStat.read(Path.of("/proc", Long.toString(pid)));
    }

    /** The open descriptor numbers of a process, sorted. */
    static List<Integer> fds(long pid) {
        try (Stream<Path> entries = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return entries.map(p -> Integer.parseInt(p.getFileName().toString())).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How many of this JVM's descriptors are pipes. */
    static long openPipesOfThisJvm() {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.filter(fd -> target(fd).startsWith("pipe:")).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String target(Path link) {
        try {
            return Files.readSymbolicLink(link).toString();
        } catch (IOException e) {
            return "";  // closed while we looked
        }
    }

    /** The value of a line such as {@code SigBlk:\t0000000000000000} in /proc/PID/status. */
    static String statusField(long pid, String field) {
        try {
            return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                    .filter(line -> line.startsWith(field + ":"))
                    .map(line -> line.substring(field.length() + 1).strip())
                    .findFirst().orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Zombies whose parent is this JVM: exits nobody collected. */
    static List<Long> zombieChildrenOfThisJvm() {
        long self = ChildProcesses.currentPid();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .map(ProcStat::read).flatMap(Optional::stream)
                    .filter(s -> s.ppid() == self && !s.isAlive())
                    .map(ProcStat::pid).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
