package io.partner.ppm.runtime.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * Starts a {@link Launch} with glibc's {@code posix_spawn}: the child gets its own session and
 * process group, an empty signal mask, every signal at its default action (a daemon started in the
 * background has SIGINT ignored, and children would inherit that), {@code /dev/null} as stdin, the
 * given pipes as stdout and stderr, its working directory, and no other file descriptor: the JVM
 * opens jars and sockets without close-on-exec, so {@code closefrom(3)} is what keeps them out of
 * services.
 *
 * <p>A child for the daemon's terminal ({@code stdoutFd} -1) instead keeps the daemon's session and
 * file descriptors 0 to 2, in a process group of its own ({@code POSIX_SPAWN_SETPGROUP}), which the
 * caller then makes the terminal's foreground group: a new session could not get the terminal back,
 * since acquiring a controlling terminal ({@code TIOCSCTTY}) needs code in the child before
 * {@code exec}, which {@code posix_spawn} cannot run. This is what tini does for its child.
 */
final class PosixSpawner {

    private static final int STDIN = 0;
    private static final int STDOUT = 1;
    private static final int STDERR = 2;
    private static final int SIGKILL = 9;
    private static final int SIGSTOP = 19;
    private static final long ALL_SIGNALS_BUT_KILL_AND_STOP = ~(1L << (SIGKILL - 1) | 1L << (SIGSTOP - 1));

    private final LibC libc;

    PosixSpawner(LibC libc) {
        this.libc = libc;
    }

    /**
     * Spawns the child while {@code table} is locked and registers it with {@code listener}.
     *
     * @param stdoutFd the pipe for the child's stdout, or -1 for a child on the daemon's terminal
     *     (then {@code stderrFd} is ignored too)
     * @return the child's pid
     * @throws SpawnException with the error {@code posix_spawn} returned (ENOENT, EACCES, ENOEXEC, ...)
     */
    long spawn(Launch launch, int stdoutFd, int stderrFd, ChildTable table, ChildListener listener)
            throws SpawnException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment actions = arena.allocate(LibC.FILE_ACTIONS_SIZE, 16);
            MemorySegment attr = arena.allocate(LibC.SPAWN_ATTR_SIZE, 16);
            check(libc.fileActionsInit(actions), "posix_spawn_file_actions_init");
            try {
                check(libc.attrInit(attr), "posix_spawnattr_init");
                try {
                    boolean onTerminal = stdoutFd < 0;
                    addFileActions(arena, actions, launch.cwd(), stdoutFd, stderrFd);
                    setAttributes(arena, attr, onTerminal);
                    MemorySegment path = arena.allocateFrom(launch.executable());
                    MemorySegment argv = stringArray(arena, launch.argv());
                    MemorySegment envp = stringArray(arena, environmentLines(launch.environment()));
                    MemorySegment pid = arena.allocate(JAVA_INT);
                    return table.register(() -> {
                        int errno = libc.posixSpawn(pid, path, actions, attr, argv, envp);
                        if (errno != 0) {
                            throw new SpawnException(
                                    "exec failed: " + launch.executable() + ": " + libc.describe(errno), errno);
                        }
                        return pid.get(JAVA_INT, 0);
                    }, listener);
                } finally {
                    libc.attrDestroy(attr);
                }
            } finally {
                libc.fileActionsDestroy(actions);
            }
        }
    }

    private void addFileActions(Arena arena, MemorySegment actions, String cwd, int stdoutFd, int stderrFd)
            throws SpawnException {
        if (stdoutFd >= 0) {
            check(libc.fileActionsAddDup2(actions, stdoutFd, STDOUT), "posix_spawn_file_actions_adddup2");
            check(libc.fileActionsAddDup2(actions, stderrFd, STDERR), "posix_spawn_file_actions_adddup2");
            check(libc.fileActionsAddOpen(actions, STDIN, arena.allocateFrom("/dev/null"), LibC.O_RDONLY, 0),
                    "posix_spawn_file_actions_addopen");
        }
        if (cwd != null) {
            check(libc.fileActionsAddChdir(actions, arena.allocateFrom(cwd)), "posix_spawn_file_actions_addchdir_np");
        }
        check(libc.fileActionsAddClosefrom(actions, STDERR + 1), "posix_spawn_file_actions_addclosefrom_np");
    }

    private void setAttributes(Arena arena, MemorySegment attr, boolean onTerminal) throws SpawnException {
        MemorySegment noSignals = arena.allocate(LibC.SIGSET_SIZE, 16);
        libc.sigemptyset(noSignals);
        MemorySegment allSignals = arena.allocate(LibC.SIGSET_SIZE, 16);
        libc.sigemptyset(allSignals);
        // Written directly: sigaddset refuses 32 and 33, which glibc keeps for itself, and posix_spawn
        // would then leave them ignored in the child. Signal n is bit n-1 of the first word.
        allSignals.set(JAVA_LONG, 0, ALL_SIGNALS_BUT_KILL_AND_STOP);
        short flags = (short) ((onTerminal ? LibC.POSIX_SPAWN_SETPGROUP : LibC.POSIX_SPAWN_SETSID)
                | LibC.POSIX_SPAWN_SETSIGMASK | LibC.POSIX_SPAWN_SETSIGDEF);
        check(libc.attrSetFlags(attr, flags), "posix_spawnattr_setflags");
        if (onTerminal) {
            check(libc.attrSetPgroup(attr, 0), "posix_spawnattr_setpgroup"); // a group led by the child
        }
        check(libc.attrSetSigMask(attr, noSignals), "posix_spawnattr_setsigmask");
        check(libc.attrSetSigDefault(attr, allSignals), "posix_spawnattr_setsigdefault");
    }

    private static List<String> environmentLines(Map<String, String> environment) {
        return environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
    }

    /** A NULL-terminated array of C strings, as argv and envp are. */
    private static MemorySegment stringArray(Arena arena, List<String> strings) {
        MemorySegment array = arena.allocate(ADDRESS, strings.size() + 1L);
        for (int i = 0; i < strings.size(); i++) {
            array.setAtIndex(ADDRESS, i, arena.allocateFrom(strings.get(i)));
        }
        array.setAtIndex(ADDRESS, strings.size(), MemorySegment.NULL);
        return array;
    }

    private void check(int errno, String function) throws SpawnException {
        if (errno != 0) {
            throw new SpawnException(function + " failed: " + libc.describe(errno), errno);
        }
    }
}
