package io.partner.ppm.runtime.management;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.partner.ppm.api.management.DaemonEndpoints;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The file where a running daemon tells the {@code ppm} command how to reach it: its endpoints, pid,
 * version and the control credential made at this start ({@link DaemonEndpoints} as JSON), readable
 * by its owner only (mode 0600, in a folder of mode 0700 when PPM creates it). An existing folder
 * must belong to the daemon's user (or root) and not be writable by others unless sticky, as
 * {@code /tmp} is: otherwise another user could swap the file, and the daemon does not start.
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
            Files.writeString(temp, json(endpoints), StandardCharsets.UTF_8);
            Files.move(temp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        return new RuntimeFile(path, endpoints.pid());
    }

    /** The file's content: one flat JSON object, {@code {"pid": 42, "version": "…", …}}. */
    static String json(DaemonEndpoints endpoints) {
        StringBuilder out = new StringBuilder("{");
        endpoints.toMap().forEach((key, value) -> {
            if (out.length() > 1) {
                out.append(", ");
            }
            appendQuoted(out, key);
            out.append(": ");
            if (value == null || value instanceof Number) {
                out.append(value);
            } else {
                appendQuoted(out, value.toString());
            }
        });
        return out.append("}\n").toString();
    }

    private static void appendQuoted(StringBuilder out, String text) {
        out.append('"').append(JsonStringEncoder.getInstance().quoteAsString(text)).append('"');
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
        } catch (NoSuchFileException alreadyGone) {
            // Nothing to clean up.
        }
    }

    private static void createPrivateDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            requireSafe(dir);
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
            Files.createDirectory(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (FileAlreadyExistsException raced) {
            requireSafe(dir);
        }
    }

    private static void requireSafe(Path dir) throws IOException {
        int mode = (Integer) Files.getAttribute(dir, "unix:mode");
        int owner = (Integer) Files.getAttribute(dir, "unix:uid");
        int self = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        boolean sticky = (mode & 01000) != 0;
        if (owner != self && owner != 0) {
            throw new IOException("runtime file folder " + dir + " belongs to another user (uid " + owner
                    + "): set PPM_RUNTIME_FILE to a path in a folder of your own");
        }
        if ((mode & 0022) != 0 && !sticky) {
            throw new IOException("runtime file folder " + dir + " is writable by other users (mode "
                    + Integer.toOctalString(mode & 07777) + "): chmod go-w it, or set PPM_RUNTIME_FILE");
        }
    }
}
