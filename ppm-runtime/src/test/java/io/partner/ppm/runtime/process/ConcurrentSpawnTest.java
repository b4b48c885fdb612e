package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Children that exit at once, started from several threads: each exit must reach its own child's
 * listener with its own code, however early it happens, and every pipe must be closed afterwards.
 */
class ConcurrentSpawnTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final int THREADS = 6;
    private static final int SPAWNS_PER_THREAD = 50;

    private static ChildProcesses processes;

    @BeforeAll
    static void open() {
        processes = ChildProcesses.open();
    }

    @AfterAll
    static void close() {
        processes.close();
    }

    /** Runs {@code sh -c 'exit N'} with output on both streams; returns a line describing any mismatch. */
    private static String runAndCheck(int code) throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(SpawnRequest.of(
                List.of("sh", "-c", "echo out-$1; echo err-$1 >&2; exit $1", "sh", Integer.toString(code)), ENV), listener);
        ChildEvent event = listener.termination();
        String out;
        String err;
        try (InputStream stdout = child.stdout(); InputStream stderr = child.stderr()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        }
        ChildEvent expected = new ChildEvent(child.pid(), ChildEvent.Kind.EXITED, code);
        if (!event.equals(expected) || !out.equals("out-" + code + "\n") || !err.equals("err-" + code + "\n")) {
            return "expected " + expected + " out-" + code + " err-" + code + ", got " + event + " " + out.strip() + " " + err.strip();
        }
        return null;
    }

    @Test
    void everyEarlyExitReachesItsOwnChildWithItsOwnCode() throws Exception {
        runAndCheck(0);
        long pipesBefore = ProcFs.openPipesOfThisJvm();
        long orphansBefore = processes.orphansReaped();

        List<String> mismatches = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<String> found = new ArrayList<>();
                    for (int i = 0; i < SPAWNS_PER_THREAD; i++) {
                        String mismatch = runAndCheck((thread * SPAWNS_PER_THREAD + i * 7) % 256);
                        if (mismatch != null) {
                            found.add(mismatch);
                        }
                    }
                    return found;
                }));
            }
            for (Future<List<String>> result : results) {
                mismatches.addAll(result.get());
            }
        }

        assertThat(mismatches).isEmpty();
        assertThat(processes.orphansReaped()).as("children mistaken for orphans").isEqualTo(orphansBefore);
        assertThat(ProcFs.openPipesOfThisJvm()).as("pipes open in this JVM").isEqualTo(pipesBefore);
        assertThat(ProcFs.zombieChildrenOfThisJvm()).isEmpty();
    }
}
