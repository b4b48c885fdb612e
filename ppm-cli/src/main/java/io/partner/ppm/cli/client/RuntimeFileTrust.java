package io.partner.ppm.cli.client;

import io.partner.ppm.cli.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether a runtime file may be believed. It names the endpoint the command connects to and holds
 * the daemon's control credential, so it must be the user's own: a regular file owned by this user
 * with no permission for group or others, in a folder owned by this user (or root) that others cannot
 * write to unless it is sticky (as {@code /tmp} is, where nobody can replace another's file). A file
 * that fails is refused with the reason, and the command connects nowhere.
 */
final class RuntimeFileTrust {

    private RuntimeFileTrust() {
    }

    /** Checks {@code file}, which exists; throws {@link CliException.Unreachable} saying why when it is not trusted. */
    static void check(Path file) throws IOException {
        int self = uid(Path.of("/proc/self"), true);
        Map<String, Object> attributes = Files.readAttributes(file, "unix:uid,mode,isRegularFile", LinkOption.NOFOLLOW_LINKS);
        if (!Boolean.TRUE.equals(attributes.get("isRegularFile"))) {
            throw untrusted(file, "it is not a regular file");
        }
        int owner = (Integer) attributes.get("uid");
        int mode = (Integer) attributes.get("mode");
        if (owner != self) {
            throw untrusted(file, "it belongs to uid " + owner + ", not to you (uid " + self + ")");
        }
        if ((mode & 0077) != 0) {
            throw untrusted(file, "its mode is " + Integer.toOctalString(mode & 0777) + ", not 600");
        }
        Path dir = file.toAbsolutePath().getParent();
        Map<String, Object> folder = Files.readAttributes(dir, "unix:uid,mode");
        int dirOwner = (Integer) folder.get("uid");
        int dirMode = (Integer) folder.get("mode");
        if (dirOwner != self && dirOwner != 0) {
            throw untrusted(file, "its folder belongs to uid " + dirOwner);
        }
        if ((dirMode & 0022) != 0 && (dirMode & 01000) == 0) {
            throw untrusted(file, "its folder is writable by others (mode " + Integer.toOctalString(dirMode & 07777) + ")");
        }
    }

    private static int uid(Path path, boolean follow) throws IOException {
        return (Integer) (follow ? Files.getAttribute(path, "unix:uid")
                : Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS));
    }

    private static CliException.Unreachable untrusted(Path file, String why) {
        return new CliException.Unreachable("not using runtime file " + file + ": " + why
                + " (remove it, or point PPM_RUNTIME_FILE or --url elsewhere)");
    }
}
