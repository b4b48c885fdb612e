package io.partner.ppm.runtime.process;

import io.partner.ppm.api.Signal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Starts child processes and collects every child's exit, including orphans re-parented to the
 * daemon. One per daemon: two would take each other's exit events. Thread-safe.
 *
 * <p><b>Threads.</b> {@link #open()} starts one platform daemon thread, {@code ppm-reaper}, which
 * calls every {@link ChildListener}. {@link #spawn} may be called from any thread, concurrently.
 *
 * <p><b>Orphans.</b> Outside PID 1, {@link #open()} makes the daemon a child subreaper
 * ({@code prctl(PR_SET_CHILD_SUBREAPER)}), so a service's double-forked processes come back to the
 * daemon when their parent dies; they are reaped and counted in {@link #orphansReaped()}.
 *
 * <p>Nothing else in the daemon may start processes ({@code ProcessBuilder} or {@code Runtime.exec}):
 * the JDK reaps its children per pid, and the reaper here would take their exit codes.
 */
public final class ChildProcesses implements AutoCloseable {

    /** kill(2)'s pid for every process the caller may signal: as PID 1, the rest of the PID namespace. */
    private static final int EVERY_PROCESS = -1;
    /** kill(2)'s signal 0: delivers nothing, only says whether the process exists. */
    private static final int EXISTENCE_CHECK = 0;

    private static final System.Logger LOG = System.getLogger(ChildProcesses.class.getName());
    private static final Path PROC = Path.of("/proc");

    private final LibC libc;
    private final ChildTable table = new ChildTable();
    private final LaunchPlanner planner;
    private final PosixSpawner spawner;
    private final ProcessTreeScanner treeScanner;
    private final Thread reaperThread;

    private ChildProcesses(LibC libc) {
        this.libc = libc;
        this.planner = new LaunchPlanner(libc, UserAccount.PASSWD);
        this.spawner = new PosixSpawner(libc);
        this.treeScanner = new ProcessTreeScanner(PROC, libc.getpid(), table::isRegistered);
        this.reaperThread = Thread.ofPlatform().name("ppm-reaper").daemon().unstarted(new Reaper(libc, table));
    }

    /**
     * Starts the reaper thread and, unless this process is PID 1, registers it as a child subreaper.
     *
     * @throws IllegalStateException when the C library lacks what PPM needs (Linux, glibc 2.34+)
     */
    public static ChildProcesses open() {
        LibC libc = LibC.get();
        if (libc.getpid() != 1) {
            int errno = libc.prctl(LibC.PR_SET_CHILD_SUBREAPER, 1);
            if (errno != 0) {
                LOG.log(System.Logger.Level.WARNING, "cannot become a child subreaper ({0}): orphans of services"
                        + " will be adopted by PID 1 instead of this daemon", libc.describe(errno));
            }
        }
        ChildProcesses processes = new ChildProcesses(libc);
        processes.reaperThread.start();
        return processes;
    }

    /**
     * Starts a process with {@code posix_spawn}.
     *
     * <p>{@code argv[0]} is looked up in the {@code PATH} of the request's environment (or
     * {@value ExecutableLookup#DEFAULT_PATH} when it has none), and the working directory is checked,
     * before anything is started, so that a mistake gives a precise message. The child leads a new
     * session and process group (pid = pgid = sid), has every signal at its default action and none
     * blocked, reads {@code /dev/null} on stdin, writes stdout and stderr to pipes returned in the
     * {@link ChildProcess}, and inherits no other file descriptor.
     *
     * <p>When the request names a {@code user}, the program runs through util-linux
     * {@code setpriv --reuid=UID --regid=GID --init-groups -- PROGRAM ARGS} (UID and GID from
     * {@code /etc/passwd}; {@code --clear-groups} for a numeric {@code uid:gid} without an entry),
     * because {@code posix_spawn} cannot change the user. That needs the daemon to run as root; the
     * returned pid is setpriv's, which becomes the program by {@code exec}.
     *
     * @param listener receives the child's events on the reaper thread (see {@link ChildListener})
     * @throws IllegalStateException after {@link #close()}
     * @throws SpawnException when the child cannot be started; the message names the cause, e.g.
     *     {@code exec failed: /app/bin/x: No such file or directory} or
     *     {@code cwd /x: No such file or directory}
     */
    public ChildProcess spawn(SpawnRequest request, ChildListener listener) throws SpawnException {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(listener, "listener");
        Launch launch = planner.plan(request);
        if (request.onTerminal()) {
            return spawnOnTerminal(launch, listener);
        }
        PipeInput stdout = null;
        PipeInput stderr = null;
        try (Pipe stdoutPipe = Pipe.open(libc); Pipe stderrPipe = Pipe.open(libc)) {
            stdout = stdoutPipe.openReader();
            stderr = stderrPipe.openReader();
            long pid = spawner.spawn(launch, stdoutPipe.writeFd(), stderrPipe.writeFd(), table, listener);
            return new ChildProcess(pid, stdout, stderr);
        } catch (SpawnException | RuntimeException e) {
            closeQuietly(stdout);
            closeQuietly(stderr);
            throw e;
        }
    }

    /**
     * Starts a child in the foreground of the daemon's terminal (see {@link SpawnRequest#onTerminal()})
     * and hands it the terminal. A child that touched the terminal before it was its own (a read
     * from the background stops it with SIGTTIN) gets SIGCONT and carries on.
     */
    private ChildProcess spawnOnTerminal(Launch launch, ChildListener listener) throws SpawnException {
        long pid = spawner.spawn(launch, -1, -1, table, listener);
        int errno = libc.tcsetpgrp(0, Math.toIntExact(pid));
        if (errno != 0) {
            LOG.log(System.Logger.Level.WARNING, "cannot give the terminal to process {0}: {1}", pid, libc.describe(errno));
        }
        libc.killpg(Math.toIntExact(pid), 18);
        return new ChildProcess(pid, null, null);
    }

    /** Whether the daemon's stdin is a terminal. */
    public static boolean stdinIsTerminal() {
        return LibC.get().isatty(0);
    }

    /**
     * Sends {@code signal} to one process ({@code kill(2)}).
     *
     * @return false when there is no such process (any more)
     * @throws IllegalArgumentException for a pid below 1 (which {@code kill} would read as "a whole
     *     group" or "every process") or an invalid signal
     * @throws IllegalStateException when the daemon may not signal that process
     */
    public boolean signal(long pid, int signal) {
        requirePositive(pid, "pid");
        return outcome(libc.kill(Math.toIntExact(pid), signal), "kill", pid, signal);
    }

    /**
     * As PID 1 only: SIGKILL to every other process of the PID namespace ({@code kill(-1, SIGKILL)}),
     * the last step of a shutdown, since the kernel would kill them anyway once PID 1 exits.
     * Does nothing when this process is not PID 1, where -1 would mean every process of the user.
     */
    public void killAllOthersAsInit() {
        if (libc.getpid() == 1) {
            libc.kill(EVERY_PROCESS, Signal.KILL.number());
        }
    }

    /**
     * The daemon's last act: whatever is left of the services (as PID 1, every other process of the
     * namespace; otherwise the processes of services the daemon adopted, and theirs) gets SIGTERM, and SIGKILL
     * once {@code grace} has passed. Returns when nothing is left, or after the SIGKILL.
     */
    public void endLeftovers(Duration grace) throws InterruptedException {
        boolean init = libc.getpid() == 1;
        Set<Long> leftovers = init ? Set.of() : adoptedTrees();
        if (!init && leftovers.isEmpty()) {
            return;
        }
        sendToLeftovers(init, leftovers, Signal.TERM.number());
        long deadline = System.nanoTime() + grace.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (init ? libc.kill(EVERY_PROCESS, EXISTENCE_CHECK) == LibC.ESRCH
                    : leftovers.stream().noneMatch(pid -> libc.kill(Math.toIntExact(pid), EXISTENCE_CHECK) == 0)) {
                return;
            }
            Thread.sleep(5);
        }
        sendToLeftovers(init, leftovers, Signal.KILL.number());
    }

    private void sendToLeftovers(boolean init, Set<Long> leftovers, int signal) {
        if (init) {
            libc.kill(EVERY_PROCESS, signal);
        } else {
            leftovers.forEach(pid -> libc.kill(Math.toIntExact(pid), signal));
        }
    }

    /** The adopted processes of services (see {@link #adoptedOrphans()}), with their groups, sessions and descendants. */
    private Set<Long> adoptedTrees() {
        List<Long> adopted = adoptedOrphans().values().stream().flatMap(Set::stream).toList();
        if (adopted.isEmpty()) {
            return Set.of();
        }
        Set<Long> all = new HashSet<>();
        processTrees(adopted).values().forEach(all::addAll);
        return all;
    }

    /**
     * Sends {@code signal} to every process of a process group ({@code killpg(2)}).
     *
     * @return false when the group has no process (any more)
     * @throws IllegalArgumentException for a pgid below 1 or an invalid signal
     * @throws IllegalStateException when the daemon may not signal those processes
     */
    public boolean signalGroup(long pgid, int signal) {
        requirePositive(pgid, "process group");
        return outcome(libc.killpg(Math.toIntExact(pgid), signal), "killpg", pgid, signal);
    }

    /**
     * The live processes that belong to the process led by {@code leaderPid}: its process group,
     * its session and the descendants of all of them, read in one pass over {@code /proc} (the
     * {@link ServiceMembership} rule without adopted processes). Zombies and the daemon itself are
     * left out. A process that started a session of its own and lost its parent cannot be found
     * here; {@link #serviceProcesses} finds it by its service's name.
     */
    public Set<Long> processTree(long leaderPid) {
        return processTrees(List.of(leaderPid)).get(leaderPid);
    }

    /** As {@link #processTree(long)} for many leaders at once, from one pass over {@code /proc}. */
    public Map<Long, Set<Long>> processTrees(Collection<Long> leaderPids) {
        leaderPids.forEach(pid -> requirePositive(pid, "pid"));
        return treeScanner.scanAll(leaderPids);
    }

    /**
     * The live processes of services, from one pass over {@code /proc}, by the {@link ServiceMembership}
     * rule that stats sampling uses too: each leader's group, session and descendants, and the
     * processes the daemon adopted that carry the service's {@code PPM_SERVICE_NAME}, with theirs.
     * Zombies and the daemon itself are left out.
     *
     * @param leaders each service's leader pid to its name
     * @return each leader pid to its service's processes
     */
    public Map<Long, Set<Long>> serviceProcesses(Map<Long, String> leaders) {
        leaders.keySet().forEach(pid -> requirePositive(pid, "pid"));
        return treeScanner.scanServices(leaders);
    }

    /**
     * The processes of services that lost their parent and were adopted by the daemon (as subreaper
     * or PID 1): a double-forked daemon, a background job whose shell exited. They are children of
     * the daemon that it did not start, and are told apart by the {@code PPM_SERVICE_NAME} every
     * service starts with (a process that clears its environment cannot be placed). Reads the
     * daemon's {@code /proc/self/task/TID/children} lists and the environment of those children only;
     * nothing else of {@code /proc}.
     *
     * @return service name to the pids adopted from it; empty when the daemon has adopted nothing
     */
    public Map<String, Set<Long>> adoptedOrphans() {
        Map<String, Set<Long>> orphans = new HashMap<>();
        for (long pid : AdoptedChildren.list(PROC.resolve("self/task"))) {
            if (!table.isRegistered(pid)) {
                AdoptedChildren.serviceOf(PROC.resolve(Long.toString(pid)))
                        .ifPresent(service -> orphans.computeIfAbsent(service, name -> new HashSet<>()).add(pid));
            }
        }
        return orphans;
    }

    /** How many terminated processes the reaper collected that were not started here. */
    public long orphansReaped() {
        return table.orphansReaped();
    }

    /** This process's id ({@code getpid()}). */
    public static long currentPid() {
        return LibC.get().getpid();
    }

    /**
     * Stops delivering events and stops the reaper thread. Running children are left alone. If
     * children remain, the thread is blocked in {@code waitid} and ends at the next child event,
     * which it leaves unconsumed for whoever waits next.
     */
    @Override
    public void close() {
        table.close();
    }

    private boolean outcome(int errno, String call, long id, int signal) {
        if (errno == 0) {
            return true;
        }
        if (errno == LibC.ESRCH) {
            return false;
        }
        String message = call + "(" + id + ", " + signal + "): " + libc.describe(errno);
        if (errno == LibC.EINVAL) {
            throw new IllegalArgumentException(message);
        }
        throw new IllegalStateException(message);
    }

    private static void requirePositive(long id, String what) {
        if (id < 1) {
            throw new IllegalArgumentException(what + " must be positive, got " + id);
        }
    }

    private static void closeQuietly(PipeInput stream) {
        if (stream != null) {
            stream.close();
        }
    }
}
