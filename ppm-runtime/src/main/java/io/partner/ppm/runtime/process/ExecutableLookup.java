package io.partner.ppm.runtime.process;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Finds the file {@code argv[0]} names, the way {@code execvp} would but with the {@code PATH} of
 * the <em>child's</em> environment ({@code posix_spawnp} would use the daemon's). Doing it here,
 * before spawning, turns a typo into an error message that names the command and the PATH searched.
 */
final class ExecutableLookup {

    /** The search path when the child's environment has no PATH. */
    static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private final LibC libc;

    ExecutableLookup(LibC libc) {
        this.libc = libc;
    }

    /**
     * The absolute path of the program to run.
     *
     * @param command {@code argv[0]}: a path when it contains '/', otherwise a name to look up
     * @param environment the child's environment, for its PATH
     * @param cwd the child's directory (relative paths are relative to it), or null for the daemon's
     * @throws SpawnException ENOENT when there is no such file, EACCES when it cannot be executed
     */
    String resolve(String command, Map<String, String> environment, Path cwd) throws SpawnException {
        if (command.indexOf('/') >= 0) {
            Path file = absolute(command, cwd);
            int errno = check(file);
            if (errno != 0) {
                throw failure(command, errno, file);
            }
            return file.toString();
        }
        return search(command, environment.getOrDefault("PATH", DEFAULT_PATH), cwd);
    }

    /** Looks {@code command} up in a search path; like the shell, remembers EACCES over ENOENT. */
    String search(String command, String searchPath, Path cwd) throws SpawnException {
        Path notExecutable = null;
        for (String directory : searchPath.split(":", -1)) {
            Path candidate = absolute(directory.isEmpty() ? "." : directory, cwd).resolve(command);
            int errno = check(candidate);
            if (errno == 0) {
                return candidate.toString();
            }
            if (errno == LibC.EACCES && notExecutable == null) {
                notExecutable = candidate;
            }
        }
        if (notExecutable != null) {
            throw failure(notExecutable.toString(), LibC.EACCES, notExecutable);
        }
        throw new SpawnException("exec failed: " + command + ": " + libc.describe(LibC.ENOENT)
                + " (searched PATH " + searchPath + ")", LibC.ENOENT);
    }

    private static Path absolute(String path, Path cwd) throws SpawnException {
        try {
            Path given = Path.of(path);
            if (given.isAbsolute()) {
                return given;
            }
            return (cwd == null ? given.toAbsolutePath() : cwd.toAbsolutePath().resolve(given)).normalize();
        } catch (InvalidPathException e) {
            throw new SpawnException("exec failed: invalid path " + path, LibC.ENOENT);
        }
    }

    /** 0 when {@code file} can be executed, else what {@code execve} would fail with. */
    private static int check(Path file) {
        if (!Files.exists(file)) {
            return LibC.ENOENT;
        }
        if (Files.isDirectory(file) || !Files.isExecutable(file)) {
            return LibC.EACCES;
        }
        return 0;
    }

    private SpawnException failure(String shown, int errno, Path file) {
        String reason = libc.describe(errno);
        if (errno == LibC.EACCES && Files.isDirectory(file)) {
            reason += " (it is a directory)";
        } else if (errno == LibC.EACCES) {
            reason += " (not executable)";
        }
        return new SpawnException("exec failed: " + shown + ": " + reason, errno);
    }
}
