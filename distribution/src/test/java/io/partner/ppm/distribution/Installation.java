package io.partner.ppm.distribution;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The installed layout under test ({@code target/ppm}) and ways to run its launcher. */
final class Installation {

    static final Path HOME = Path.of(System.getProperty("ppm.install", "target/ppm")).toAbsolutePath();
    static final Path PPM = HOME.resolve("bin/ppm");

    private Installation() {
    }

    /** {@code bin/ppm ARGS} inside a new PID namespace, where java is PID 1. */
    static ProcessBuilder asPid1(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc", PPM.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile());
    }

    /**
     * The container recipe's entry point ({@code docker/Dockerfile}'s ENTRYPOINT: java run directly
     * with {@code lib/ppm-daemon.args}) followed by ARGS, for this layout instead of /opt/ppm and with
     * this JVM's java, inside a new PID namespace.
     */
    static ProcessBuilder directEntryAsPid1(Path workDir, String... args) throws IOException {
        String entryPoint = Files.readAllLines(HOME.resolve("docker/Dockerfile")).stream()
                .filter(line -> line.startsWith("ENTRYPOINT ")).findFirst()
                .orElseThrow(() -> new IllegalStateException("no ENTRYPOINT in docker/Dockerfile"));
        List<String> command = new ArrayList<>(List.of("unshare", "--pid", "--fork", "--mount-proc"));
        Matcher quoted = Pattern.compile("\"([^\"]*)\"").matcher(entryPoint);
        while (quoted.find()) {
            command.add(quoted.group(1).replace("/opt/ppm", HOME.toString()));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        builder.environment().merge("PATH", Path.of(System.getProperty("java.home"), "bin").toString(),
                (path, javaBin) -> javaBin + ":" + path);
        return builder;
    }

    static ProcessBuilder plain(Path workDir, String... args) {
        List<String> command = new ArrayList<>(List.of(PPM.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(workDir.toFile());
    }

    /** The first child of {@code parent} (the JVM that unshare forked). */
    static long awaitChild(long parent) {
        long[] found = new long[1];
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(10)).until(() -> {
            Optional<ProcessHandle> child = ProcessHandle.of(parent).flatMap(p -> p.children().findFirst());
            child.ifPresent(c -> found[0] = c.pid());
            return child.isPresent();
        });
        return found[0];
    }

    /** The fields of /proc/PID/stat after the command name: [0]=state, [1]=ppid, ...; empty if gone. */
    static Optional<String[]> stat(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return Optional.of(stat.substring(stat.lastIndexOf(')') + 2).split(" "));
        } catch (IOException gone) {
            return Optional.empty();
        }
    }

    /** Processes (host pids) whose parent is {@code parent}, with their state letter. */
    static List<long[]> childrenWithState(long parent) {
        List<long[]> children = new ArrayList<>();
        try (var entries = Files.list(Path.of("/proc"))) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                String name = entry.getFileName().toString();
                if (!name.chars().allMatch(Character::isDigit)) {
                    continue;
                }
                long pid = Long.parseLong(name);
                stat(pid).ifPresent(fields -> {
                    if (Long.parseLong(fields[1]) == parent) {
                        children.add(new long[] {pid, fields[0].charAt(0)});
                    }
                });
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return children;
    }

    /** Whether a process has a handler for the signal (its SigCgt mask in /proc/PID/status). */
    static boolean catches(long pid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigCgt:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException gone) {
            // It has ended.
        }
        return false;
    }

    /** Whether a process blocks the signal (its SigBlk mask in /proc/PID/status): it stays pending, not lost. */
    static boolean blocks(long pid, int signal) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("SigBlk:")) {
                    return (Long.parseUnsignedLong(line.substring(7).strip(), 16) & (1L << (signal - 1))) != 0;
                }
            }
        } catch (IOException gone) {
            // It has ended.
        }
        return false;
    }

    /** The PID namespace of a process, e.g. {@code pid:[4026532301]}. */
    static String pidNamespace(long pid) throws IOException {
        return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "pid")).toString();
    }

    /** How many processes live in the given PID namespace. */
    static long processesIn(String namespace) {
        try (var entries = Files.list(Path.of("/proc"))) {
            return entries.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                    .filter(p -> {
                        try {
                            return Files.readSymbolicLink(p.resolve("ns/pid")).toString().equals(namespace);
                        } catch (IOException gone) {
                            return false;
                        }
                    })
                    .count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean canUnshare() {
        try {
            Process p = new ProcessBuilder("unshare", "--pid", "--fork", "--mount-proc", "true")
                    .redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
