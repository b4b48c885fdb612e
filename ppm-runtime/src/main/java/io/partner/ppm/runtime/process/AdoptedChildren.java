package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads which processes are the daemon's children and which service a process came from, from
 * {@code /proc}: the children of each of the daemon's threads ({@code task/TID/children}; an adopted
 * orphan is listed under one of them) and the {@code PPM_SERVICE_NAME} of a process's environment.
 */
final class AdoptedChildren {

    private static final byte[] MARKER = "PPM_SERVICE_NAME=".getBytes(StandardCharsets.US_ASCII);
    /** Environments are read up to this size: the marker of a service is added last but lies within. */
    private static final int MAX_ENVIRONMENT = 1024 * 1024;

    private AdoptedChildren() {
    }

    /** The pids of the children of every thread under {@code tasks} ({@code /proc/self/task}). */
    static List<Long> list(Path tasks) {
        List<Long> pids = new ArrayList<>();
        try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
            for (Path thread : threads) {
                String children;
                try {
                    children = Files.readString(thread.resolve("children"), StandardCharsets.US_ASCII);
                } catch (IOException ended) {
                    continue; // the thread ended meanwhile
                }
                for (String pid : children.trim().split(" ")) {
                    if (!pid.isEmpty()) {
                        pids.add(Long.parseLong(pid));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // Without /proc nothing can be placed: the group and session are still cleared.
        }
        return pids;
    }

    /** The {@code PPM_SERVICE_NAME} of the process at {@code procDirectory}, if it has one. */
    static Optional<String> serviceOf(Path procDirectory) {
        byte[] environment;
        try (var in = Files.newInputStream(procDirectory.resolve("environ"))) {
            environment = in.readNBytes(MAX_ENVIRONMENT);
        } catch (IOException gone) {
            return Optional.empty();
        }
        int start = 0;
        for (int i = 0; i <= environment.length; i++) {
            if (i == environment.length || environment[i] == 0) {
                if (startsWithMarker(environment, start, i)) {
                    return Optional.of(new String(environment, start + MARKER.length, i - start - MARKER.length,
                            StandardCharsets.UTF_8));
                }
                start = i + 1;
            }
        }
        return Optional.empty();
    }

    private static boolean startsWithMarker(byte[] bytes, int from, int to) {
        if (to - from < MARKER.length) {
            return false;
        }
        for (int i = 0; i < MARKER.length; i++) {
            if (bytes[from + i] != MARKER[i]) {
                return false;
            }
        }
        return true;
    }
}
