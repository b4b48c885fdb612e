package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
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
        return scanAll(List.of(leaderPid), excludedPid).get(leaderPid);
    }

    /**
     * The trees of many leaders from one pass over /proc (stopping every service at shutdown would
     * otherwise read /proc once per service).
     */
    Map<Long, Set<Long>> scanAll(Collection<Long> leaderPids, long excludedPid) {
        List<ProcStat> all = snapshot();
        Map<Long, List<Long>> byGroupOrSession = new HashMap<>();
        Map<Long, List<Long>> children = new HashMap<>();
        Set<Long> alive = new HashSet<>();
        for (ProcStat process : all) {
            byGroupOrSession.computeIfAbsent(process.pgrp(), id -> new ArrayList<>()).add(process.pid());
            if (process.session() != process.pgrp()) {
                byGroupOrSession.computeIfAbsent(process.session(), id -> new ArrayList<>()).add(process.pid());
            }
            children.computeIfAbsent(process.ppid(), parent -> new ArrayList<>()).add(process.pid());
            if (process.isAlive()) {
                alive.add(process.pid());
            }
        }
        Map<Long, Set<Long>> trees = new HashMap<>();
        for (long leader : leaderPids) {
            Set<Long> members = new HashSet<>(byGroupOrSession.getOrDefault(leader, List.of()));
            members.add(leader);
            addDescendants(children, members);
            members.remove(excludedPid);
            members.retainAll(alive);
            trees.put(leader, Set.copyOf(members));
        }
        return trees;
    }

    /** Adds the children of every member, and theirs, walking down from the members found so far. */
    private static void addDescendants(Map<Long, List<Long>> children, Set<Long> members) {
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
