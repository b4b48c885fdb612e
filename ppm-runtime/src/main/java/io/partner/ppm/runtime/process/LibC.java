package io.partner.ppm.runtime.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static java.lang.foreign.ValueLayout.JAVA_SHORT;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The glibc functions PPM calls, bound with the FFM API. Every call that can fail returns 0 or an
 * error number (the convention {@code posix_spawn} already follows), so callers never read
 * {@code errno} themselves: it is captured right after the call with
 * {@link Linker.Option#captureCallState}, before the JVM can overwrite it.
 *
 * <p>The struct sizes below are those of glibc 2.36 on x86_64, rounded up generously: the code
 * only ever hands these blocks to glibc, it never reads their fields.
 */
final class LibC {

    static final long FILE_ACTIONS_SIZE = 256;   // posix_spawn_file_actions_t is 80 bytes
    static final long SPAWN_ATTR_SIZE = 1024;    // posix_spawnattr_t is 336 bytes
    static final long SIGSET_SIZE = 256;         // sigset_t is 128 bytes
    static final long SIGINFO_SIZE = 256;        // siginfo_t is 128 bytes

    static final long SIGINFO_CODE_OFFSET = 8;
    static final long SIGINFO_PID_OFFSET = 16;
    static final long SIGINFO_STATUS_OFFSET = 24;

    static final short POSIX_SPAWN_SETPGROUP = 0x02;
    static final short POSIX_SPAWN_SETSIGDEF = 0x04;
    static final short POSIX_SPAWN_SETSIGMASK = 0x08;
    static final short POSIX_SPAWN_SETSID = 0x80;

    static final int P_ALL = 0;
    static final int P_PID = 1;
    static final int WNOHANG = 1;
    static final int WSTOPPED = 2;
    static final int WEXITED = 4;
    static final int WCONTINUED = 8;
    static final int WNOWAIT = 0x01000000;

    static final int CLD_EXITED = 1;
    static final int CLD_KILLED = 2;
    static final int CLD_DUMPED = 3;
    static final int CLD_TRAPPED = 4;
    static final int CLD_STOPPED = 5;
    static final int CLD_CONTINUED = 6;

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int ESRCH = 3;
    static final int EINTR = 4;
    static final int ECHILD = 10;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENOTDIR = 20;
    static final int EINVAL = 22;

    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;

    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x001;
    static final int EPOLLONESHOT = 1 << 30;

    static final int O_RDONLY = 0;
    static final int O_CLOEXEC = 0x80000;
    static final int PR_SET_CHILD_SUBREAPER = 36;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LIBC = LINKER.defaultLookup();
    private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");

    /** One errno buffer per thread, freed with the thread. */
    private static final ThreadLocal<MemorySegment> CALL_STATE_BUFFER =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

    private static volatile LibC instance;

    private final MethodHandle getpid = bind("getpid", FunctionDescriptor.of(JAVA_INT));
    private final MethodHandle geteuid = bind("geteuid", FunctionDescriptor.of(JAVA_INT));
    private final MethodHandle prctl = bind("prctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(1));
    private final MethodHandle kill = bindWithErrno("kill", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private final MethodHandle killpg = bindWithErrno("killpg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    private final MethodHandle pipe2 = bindWithErrno("pipe2", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle close = bindWithErrno("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    /** {@code fcntl(fd, cmd, int)}: variadic from its third argument. */
    private final MethodHandle fcntlInt = bind("fcntl", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private final MethodHandle read = bindWithErrno("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
    /**
     * {@code read} straight into a Java array: only for descriptors that never wait (non-blocking),
     * because the garbage collector cannot move the array, and so cannot run, during the call.
     */
    private final MethodHandle readIntoHeap = bind("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG),
            CAPTURE_ERRNO, Linker.Option.critical(true));
    /** {@code open(path, flags)}: variadic from its third argument, which is not passed. */
    private final MethodHandle open = bind("open", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT),
            CAPTURE_ERRNO, Linker.Option.firstVariadicArg(2));
    private final MethodHandle epollCreate1 = bindWithErrno("epoll_create1", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private final MethodHandle epollCtl = bindWithErrno("epoll_ctl",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS));
    private final MethodHandle epollWait = bindWithErrno("epoll_wait",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private final MethodHandle waitid = bindWithErrno("waitid",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle strerrordescNp = bind("strerrordesc_np", FunctionDescriptor.of(ADDRESS, JAVA_INT));

    private final MethodHandle posixSpawn = bind("posix_spawn",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
    private final MethodHandle fileActionsInit = bind("posix_spawn_file_actions_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final MethodHandle fileActionsDestroy = bind("posix_spawn_file_actions_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final MethodHandle fileActionsAddDup2 = bind("posix_spawn_file_actions_adddup2",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private final MethodHandle fileActionsAddOpen = bind("posix_spawn_file_actions_addopen",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT));
    private final MethodHandle fileActionsAddChdir = bind("posix_spawn_file_actions_addchdir_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private final MethodHandle fileActionsAddClosefrom = bind("posix_spawn_file_actions_addclosefrom_np",
            FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle attrInit = bind("posix_spawnattr_init", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final MethodHandle attrDestroy = bind("posix_spawnattr_destroy", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final MethodHandle attrSetFlags = bind("posix_spawnattr_setflags", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_SHORT));
    private final MethodHandle attrSetSigMask = bind("posix_spawnattr_setsigmask", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private final MethodHandle attrSetSigDefault = bind("posix_spawnattr_setsigdefault", FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS));
    private final MethodHandle sigemptyset = bind("sigemptyset", FunctionDescriptor.of(JAVA_INT, ADDRESS));
    private final MethodHandle attrSetPgroup = bind("posix_spawnattr_setpgroup", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));
    private final MethodHandle isatty = bind("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    private final MethodHandle tcsetpgrp = bindWithErrno("tcsetpgrp", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));

    private LibC() {
    }

    /**
     * The bindings, created on first use.
     *
     * @throws IllegalStateException when the C library lacks a function PPM needs (glibc 2.34 or
     *     newer is required, for {@code posix_spawn_file_actions_addclosefrom_np})
     */
    static LibC get() {
        LibC bound = instance;
        if (bound == null) {
            synchronized (LibC.class) {
                bound = instance;
                if (bound == null) {
                    bound = new LibC();
                    instance = bound;
                }
            }
        }
        return bound;
    }

    @SuppressWarnings("restricted")  // binding native functions is the purpose of this class
    private static MethodHandle bind(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() -> new IllegalStateException(
                "the C library has no " + name + "(): PPM needs Linux with glibc 2.34 or newer"));
        return LINKER.downcallHandle(symbol, descriptor, options);
    }

    private static MethodHandle bindWithErrno(String name, FunctionDescriptor descriptor) {
        return bind(name, descriptor, CAPTURE_ERRNO);
    }

    int getpid() {
        try {
            return (int) getpid.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int geteuid() {
        try {
            return (int) geteuid.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code prctl(option, arg2, 0, 0, 0)}; 0 or the error number. */
    int prctl(int option, long arg2) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) prctl.invokeExact(state, option, arg2, 0L, 0L, 0L), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code kill(pid, signal)}; 0 or the error number. */
    int kill(int pid, int signal) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) kill.invokeExact(state, pid, signal), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code killpg(pgid, signal)}; 0 or the error number. */
    int killpg(int pgid, int signal) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) killpg.invokeExact(state, pgid, signal), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code pipe2(fds, flags)} into a segment of two ints; 0 or the error number. */
    int pipe2(MemorySegment fds, int flags) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) pipe2.invokeExact(state, fds, flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fcntl(fd, cmd, arg)} for commands that take an int; its result, or minus the error number. */
    int fcntl(int fd, int cmd, int arg) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            int result = (int) fcntlInt.invokeExact(state, fd, cmd, arg);
            return result >= 0 ? result : -errnoOf(result, state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code close(fd)}; 0 or the error number. */
    int close(int fd) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) close.invokeExact(state, fd), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code read(fd, buffer, count)}; the bytes read (0 at end of file), or minus the error number. */
    long read(int fd, MemorySegment buffer, long count) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            long result = (long) read.invokeExact(state, fd, buffer, count);
            return result >= 0 ? result : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /**
     * {@code read(fd, array, count)} into a heap segment, without copying, for a non-blocking
     * descriptor only (see {@link #readIntoHeap}); the bytes read, or minus the error number.
     */
    long readNonBlocking(int fd, MemorySegment heapBuffer) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            long result = (long) readIntoHeap.invokeExact(state, fd, heapBuffer, heapBuffer.byteSize());
            return result >= 0 ? result : -(int) ERRNO.get(state, 0L);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code open(path, flags)} for flags that create nothing; the descriptor, or minus the error number. */
    int open(MemorySegment path, int flags) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return negativeErrno((int) open.invokeExact(state, path, flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code epoll_create1(flags)}; the descriptor, or minus the error number. */
    int epollCreate1(int flags) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return negativeErrno((int) epollCreate1.invokeExact(state, flags), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code epoll_ctl(epfd, op, fd, event)}; 0 or the error number. */
    int epollCtl(int epfd, int op, int fd, MemorySegment event) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) epollCtl.invokeExact(state, epfd, op, fd, event), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code epoll_wait(epfd, events, max, timeout)}; the number of events, or minus the error number. May block. */
    int epollWait(int epfd, MemorySegment events, int maxEvents, int timeoutMillis) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return negativeErrno((int) epollWait.invokeExact(state, epfd, events, maxEvents, timeoutMillis), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code waitid(idtype, id, info, options)}; 0 or the error number. May block. */
    int waitid(int idType, int id, MemorySegment info, int options) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) waitid.invokeExact(state, idType, id, info, options), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The text for an error number, e.g. "No such file or directory" (not translated). */
    @SuppressWarnings("restricted")  // glibc returns a static NUL-terminated string
    String describe(int errno) {
        try {
            MemorySegment text = (MemorySegment) strerrordescNp.invokeExact(errno);
            return text.equals(MemorySegment.NULL) ? "error " + errno : text.reinterpret(Long.MAX_VALUE).getString(0);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code posix_spawn}; 0 or the error number (it never sets errno). */
    int posixSpawn(MemorySegment pid, MemorySegment path, MemorySegment fileActions, MemorySegment attr,
            MemorySegment argv, MemorySegment envp) {
        try {
            return (int) posixSpawn.invokeExact(pid, path, fileActions, attr, argv, envp);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int fileActionsInit(MemorySegment actions) {
        return invoke(fileActionsInit, actions);
    }

    int fileActionsDestroy(MemorySegment actions) {
        return invoke(fileActionsDestroy, actions);
    }

    int fileActionsAddDup2(MemorySegment actions, int fd, int newFd) {
        try {
            return (int) fileActionsAddDup2.invokeExact(actions, fd, newFd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int fileActionsAddOpen(MemorySegment actions, int fd, MemorySegment path, int flags, int mode) {
        try {
            return (int) fileActionsAddOpen.invokeExact(actions, fd, path, flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int fileActionsAddChdir(MemorySegment actions, MemorySegment path) {
        try {
            return (int) fileActionsAddChdir.invokeExact(actions, path);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int fileActionsAddClosefrom(MemorySegment actions, int fromFd) {
        try {
            return (int) fileActionsAddClosefrom.invokeExact(actions, fromFd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int attrInit(MemorySegment attr) {
        return invoke(attrInit, attr);
    }

    int attrDestroy(MemorySegment attr) {
        return invoke(attrDestroy, attr);
    }

    int attrSetFlags(MemorySegment attr, short flags) {
        try {
            return (int) attrSetFlags.invokeExact(attr, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int attrSetPgroup(MemorySegment attr, int pgroup) {
        try {
            return (int) attrSetPgroup.invokeExact(attr, pgroup);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    boolean isatty(int fd) {
        try {
            return (int) isatty.invokeExact(fd) == 1;
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Makes {@code pgrp} the foreground process group of the terminal on {@code fd}; 0 or the errno. */
    int tcsetpgrp(int fd, int pgrp) {
        MemorySegment state = CALL_STATE_BUFFER.get();
        try {
            return errnoOf((int) tcsetpgrp.invokeExact(state, fd, pgrp), state);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    int attrSetSigMask(MemorySegment attr, MemorySegment sigset) {
        return invoke(attrSetSigMask, attr, sigset);
    }

    int attrSetSigDefault(MemorySegment attr, MemorySegment sigset) {
        return invoke(attrSetSigDefault, attr, sigset);
    }

    int sigemptyset(MemorySegment sigset) {
        return invoke(sigemptyset, sigset);
    }

    private static int invoke(MethodHandle handle, MemorySegment a) {
        try {
            return (int) handle.invokeExact(a);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int invoke(MethodHandle handle, MemorySegment a, MemorySegment b) {
        try {
            return (int) handle.invokeExact(a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static int negativeErrno(int result, MemorySegment state) {
        return result >= 0 ? result : -(int) ERRNO.get(state, 0L);
    }

    private static int errnoOf(int result, MemorySegment state) {
        return result == -1 ? (int) ERRNO.get(state, 0L) : 0;
    }

    /** A downcall throws only what the JVM throws (e.g. OutOfMemoryError); pass it on unchanged. */
    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (t instanceof Error error) {
            throw error;
        }
        throw new IllegalStateException(t);
    }
}
