package io.partner.ppm.runtime.process;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a {@link SpawnRequest} into a {@link Launch}, checking in Java everything that would
 * otherwise fail inside {@code posix_spawn} with a bare error number: the working directory, the
 * program, the user.
 *
 * <p>{@code posix_spawn} cannot change the user id, so a request with a {@code user} runs its
 * program through util-linux {@code setpriv --reuid=UID --regid=GID --init-groups -- PROGRAM ARGS}
 * (the daemon must run as root for that). When the user is the daemon's own, nothing is switched.
 */
final class LaunchPlanner {

    private final LibC libc;
    private final ExecutableLookup lookup;
    private final Path passwd;

    LaunchPlanner(LibC libc, Path passwd) {
        this.libc = libc;
        this.lookup = new ExecutableLookup(libc);
        this.passwd = passwd;
    }

    Launch plan(SpawnRequest request) throws SpawnException {
        Path cwd = checkedCwd(request.cwd());
        String program = lookup.resolve(request.argv().getFirst(), request.environment(), cwd);
        String cwdText = cwd == null ? null : cwd.toString();
        if (request.user() == null) {
            return new Launch(program, request.argv(), request.environment(), cwdText);
        }
        UserAccount account = UserAccount.lookup(request.user(), passwd);
        int euid = libc.geteuid();
        if (account.uid() == euid && euid != 0) {
            return new Launch(program, request.argv(), request.environment(), cwdText);
        }
        if (euid != 0) {
            throw new SpawnException("user '" + request.user() + "': only root can run a process as another user"
                    + " (this daemon runs as uid " + euid + ")", LibC.EPERM);
        }
        String setpriv = setprivFor(request.user());
        List<String> argv = new ArrayList<>();
        argv.add(setpriv);
        argv.addAll(account.setprivOptions());
        argv.add("--");
        argv.add(program);
        argv.addAll(request.argv().subList(1, request.argv().size()));
        return new Launch(setpriv, List.copyOf(argv), request.environment(), cwdText);
    }

    private Path checkedCwd(Path cwd) throws SpawnException {
        if (cwd == null) {
            return null;
        }
        Path absolute;
        try {
            absolute = cwd.toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new SpawnException("cwd " + cwd + ": invalid path", LibC.ENOENT);
        }
        if (!Files.exists(absolute)) {
            throw new SpawnException("cwd " + cwd + ": " + libc.describe(LibC.ENOENT), LibC.ENOENT);
        }
        if (!Files.isDirectory(absolute)) {
            throw new SpawnException("cwd " + cwd + ": " + libc.describe(LibC.ENOTDIR), LibC.ENOTDIR);
        }
        return absolute;
    }

    /** setpriv is looked up in the system directories, never in a PATH the configuration chose. */
    private String setprivFor(String user) throws SpawnException {
        try {
            return lookup.search("setpriv", ExecutableLookup.DEFAULT_PATH, null);
        } catch (SpawnException e) {
            throw new SpawnException("user '" + user + "': running as another user needs setpriv (util-linux),"
                    + " which is not in " + ExecutableLookup.DEFAULT_PATH, e.errno());
        }
    }
}
