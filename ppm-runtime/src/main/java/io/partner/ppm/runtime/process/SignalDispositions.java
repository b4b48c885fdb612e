package io.partner.ppm.runtime.process;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.partner.ppm.api.Signal;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * What the kernel does with a signal for this process, below the JVM: whether it is ignored (an
 * ignored signal survives {@code exec}, so {@code nohup} or a script's {@code cmd &} hands it on), and
 * whether the calling thread blocks it (a blocked signal waits, pending, until it is unblocked).
 *
 * <p>The JVM will not handle SIGHUP, SIGINT or SIGTERM that it finds ignored at start, and an ignored
 * SIGCHLD makes the kernel reap children itself, so their exit codes are lost. The daemon sets such
 * signals back to their default before it installs its handlers.
 *
 * <p>A few bindings of their own (not {@link LibC}'s several dozen) so that they are cheap enough for
 * the first moments of the daemon's {@code main}.
 */
public final class SignalDispositions {

    /** {@code struct sigaction} is 152 bytes with glibc on x86_64; its handler comes first. */
    private static final long SIGACTION_SIZE = 256;
    private static final long SIGSET_SIZE = 256;
    private static final long SIG_IGN = 1;
    private static final int SIG_UNBLOCK = 1;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final MethodHandle SIGACTION = bind("sigaction", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle PTHREAD_SIGMASK = bind("pthread_sigmask",
            FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
    private static final MethodHandle SIGADDSET = bind("sigaddset", FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT));

    private SignalDispositions() {
    }

    /**
     * Sets each of {@code signals} that is ignored back to its default action.
     *
     * @return the signals that were ignored
     */
    public static List<Signal> resetIgnored(List<Signal> signals) {
        List<Signal> wereIgnored = new ArrayList<>();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment current = arena.allocate(SIGACTION_SIZE, 16);
            // All zeros: SIG_DFL, an empty mask, no flags.
            MemorySegment byDefault = arena.allocate(SIGACTION_SIZE, 16);
            for (Signal signal : signals) {
                if (call(SIGACTION, signal.number(), MemorySegment.NULL, current) == 0
                        && current.get(JAVA_LONG, 0) == SIG_IGN
                        && call(SIGACTION, signal.number(), byDefault, MemorySegment.NULL) == 0) {
                    wereIgnored.add(signal);
                }
            }
        }
        return wereIgnored;
    }

    /**
     * Unblocks {@code signals} for the calling thread, and so for the threads it starts from now on;
     * one of them that was pending is delivered at once.
     */
    public static void unblock(List<Signal> signals) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment set = arena.allocate(SIGSET_SIZE, 16);
            for (Signal signal : signals) {
                invoke(SIGADDSET, set, signal.number());
            }
            call(PTHREAD_SIGMASK, SIG_UNBLOCK, set, MemorySegment.NULL);
        }
    }

    @SuppressWarnings("restricted")  // binding native functions is the purpose of this class
    private static MethodHandle bind(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LINKER.defaultLookup().find(name).orElseThrow(() -> new IllegalStateException(
                "the C library has no " + name + "()"));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    private static int call(MethodHandle handle, int number, MemorySegment a, MemorySegment b) {
        try {
            return (int) handle.invokeExact(number, a, b);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    private static void invoke(MethodHandle handle, MemorySegment set, int number) {
        try {
            int ignored = (int) handle.invokeExact(set, number);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

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
