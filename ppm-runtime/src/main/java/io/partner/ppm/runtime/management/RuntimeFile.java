package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.DaemonEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file where a running daemon tells the {@code ppm} command how to reach it: its endpoints, pid
 * and version ({@link DaemonEndpoints} as JSON), readable by its owner only (mode 0600, in a folder
 * of mode 0700 when PPM creates it).
 *
 * <p>Location: {@code $PPM_RUNTIME_FILE}, else {@code $XDG_RUNTIME_DIR/ppm/daemon.json}, else
 * {@code /run/ppm/daemon.json} for root, else {@code /tmp/ppm-USER/daemon.json}.
 */
public final class RuntimeFile {

    private final Path path;
    private final long pid;

    private RuntimeFile(Path path, long pid) {
        this.path = path;
        this.pid = pid;
    }

    /** Where the daemon writes the file in this environment. */
    public static Path defaultPath() {
        return DaemonEndpoints.defaultLocation();
    }

    /** Writes the file atomically (a reader never sees half of it), replacing an old one. */
    public static RuntimeFile write(Path path, DaemonEndpoints endpoints) throws IOException {
        Path dir = path.toAbsolutePath().getParent();
        createPrivateDirectory(dir);
        Path temp = Files.createTempFile(dir, ".daemon-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            Files.writeString(temp, endpoints.toJson(), StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new RuntimeFile(path, endpoints.pid());
    }

    public Path path() {
        return path;
    }

    /**
     * Deletes the file unless another daemon has replaced it since (its pid is then in it): the
     * last daemon to start keeps its file.
     */
    public void delete() throws IOException {
        try {
            String content = Files.readString(path, StandardCharsets.UTF_8);
            if (content.contains("\"pid\": " + pid + ",")) {
                Files.deleteIfExists(path);
            }
        } catch (java.nio.file.NoSuchFileException alreadyGone) {
            // Nothing to clean up.
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            // Another process created it in the meantime: fine.
        }
    }
}
