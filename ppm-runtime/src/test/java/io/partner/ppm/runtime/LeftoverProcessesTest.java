package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service's processes live and die together: what a main process leaves behind (a background job
 * in its group, a double-forked process in a session of its own) ends with it, unless
 * {@code kill_mode: process}; a stop always clears the whole tree.
 */
class LeftoverProcessesTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** A shell that leaves a background job ({@code bg}) and a double-forked process ({@code dbl}), then {@code last}. */
    private String leaver(String last) {
        return "sleep 1000 & echo $! > %1$s/bg; setsid sh -c 'sleep 1001 & echo $! > %1$s/dbl'; %2$s"
                .formatted(dir, last);
    }

    private long pidIn(String file) {
        await().atMost(DEADLINE).until(() -> Files.exists(dir.resolve(file)) && !Files.readString(dir.resolve(file)).isBlank());
        try {
            return Long.parseLong(Files.readString(dir.resolve(file)).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException gone) {
            return false;
        }
    }

    private static void awaitGone(long... pids) {
        await().atMost(DEADLINE).until(() -> java.util.Arrays.stream(pids).noneMatch(LeftoverProcessesTest::alive));
    }

    @Test
    void whatAMainProcessLeavesBehindGetsTheStopSignalWhenItExits() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: leaver
                    command: ["sh", "-c", "%s"]
                    restart: never
                """.formatted(leaver("exit 0").replace("\"", "\\\"")))) {
            long bg = pidIn("bg");
            long dbl = pidIn("dbl");
            d.awaitState("leaver", ServiceState.FINISHED);

            awaitGone(bg, dbl);
            await().atMost(DEADLINE).until(() -> d.stderr.text().contains("leaver: 2 processes left behind get SIGTERM"));
        }
    }

    @Test
    void killModeProcessKeepsThemUntilTheDaemonExits() throws Exception {
        RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: leaver
                    command: ["sh", "-c", "%s"]
                    restart: never
                    kill_mode: process
                """.formatted(leaver("exit 0").replace("\"", "\\\"")));
        long bg = pidIn("bg");
        long dbl = pidIn("dbl");
        d.awaitState("leaver", ServiceState.FINISHED);
        try {
            // Still there well after the exit: the supervisor is done with the service and its tree.
            await().pollDelay(Duration.ofMillis(300)).atMost(DEADLINE).until(() -> true);
            assertThat(alive(bg)).isTrue();
            assertThat(alive(dbl)).isTrue();
        } finally {
            d.close();
        }
        // At the daemon's exit every leftover of a service gets SIGTERM (then SIGKILL).
        awaitGone(bg, dbl);
    }

    @Test
    void aStopClearsTheDoubleForkedProcessesOfARunningService() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: forker
                    command: ["sh", "-c", "%s"]
                """.formatted(leaver("exec sleep 1002").replace("\"", "\\\"")))) {
            long bg = pidIn("bg");
            long dbl = pidIn("dbl");
            d.awaitState("forker", ServiceState.RUNNING);

            d.daemon.supervisor().stop("forker");

            d.awaitState("forker", ServiceState.FINISHED);
            awaitGone(bg, dbl);
        }
    }

    @Test
    void whenTheMainCommandEndsWhatItLeftGetsSigtermFirst() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), RunningDaemon.NO_ENDPOINTS);
        Path got = dir.resolve("got");
        String script = ("sh -c 'trap \"echo TERM >> %1$s; exit 0\" TERM; echo ready > %1$s.ready; "
                + "while :; do sleep 0.05; done' & while [ ! -s %1$s.ready ]; do sleep 0.05; done; exit 3").formatted(got);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("PPM_RUNTIME_FILE", dir.resolve("daemon.json").toString());
        DaemonOptions options = new DaemonOptions(config, List.of("sh", "-c", script), env, dir, dir, null,
                new SyncBuffer(), new SyncBuffer(), false, Clock.systemUTC());
        Daemon daemon = Daemon.start(options);

        assertThat(daemon.exitCode().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(Files.readString(got)).isEqualTo("TERM\n");
    }
}
