package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the processes that belong to a service: its process group, its session (a job-control child
 * moves to a group of its own but stays in the session), and the descendants of all of those. One
 * pass reads {@code /proc/PID/stat} of every process; processes that vanish meanwhile are skipped.
 * A process that called {@code setsid} and was re-parented to the daemon can no longer be linked
 * to its service and is not found.
 */
final class ProcessTreeScanner {

    private final Path proc;

    ProcessTreeScanner(Path proc) {
        this.proc = proc;
    }

    /** Live pids of the tree led by {@code leaderPid}, never {@code excludedPid} (the daemon itself). */
    Set<Long> scan(long leaderPid, long excludedPid) {
        List<ProcStat> all = snapshot();
        Set<Long> members = new HashSet<>();
        for (ProcStat process : all) {
            if (process.pid() == leaderPid || process.pgrp() == leaderPid || process.session() == leaderPid) {
                members.add(process.pid());
            }
        }
        addDescendants(all, members);
        members.remove(excludedPid);
        Set<Long> alive = new HashSet<>();
        for (ProcStat process : all) {
            if (members.contains(process.pid()) && process.isAlive()) {
                alive.add(process.pid());
            }
        }
        return Set.copyOf(alive);
    }

    /** Adds the children of every member, and theirs, walking down from the members found so far. */
    private static void addDescendants(List<ProcStat> all, Set<Long> members) {
        Map<Long, List<Long>> children = new HashMap<>();
        for (ProcStat process : all) {
            children.computeIfAbsent(process.ppid(), parent -> new ArrayList<>()).add(process.pid());
        }
        ArrayDeque<Long> toVisit = new ArrayDeque<>(members);
        while (!toVisit.isEmpty()) {
            for (Long child : children.getOrDefault(toVisit.poll(), List.of())) {
                if (members.add(child)) {
                    toVisit.add(child);
                }
            }
        }
    }

    private List<ProcStat> snapshot() {
        List<ProcStat> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc, ProcessTreeScanner::isPidDirectory)) {
            for (Path entry : entries) {
                ProcStat.read(entry).ifPresent(all::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + proc, e);
        }
        return all;
    }

    private static boolean isPidDirectory(Path entry) {
        String name = entry.getFileName().toString();
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }
}
