package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.cli.json.Json;
import io.partner.ppm.cli.output.Style;
import io.partner.ppm.runtime.RunningDaemon;
import io.partner.ppm.runtime.config.ConfigExtensions;
import io.partner.ppm.runtime.config.ConfigLoader;
import io.partner.ppm.runtime.config.DaemonConfig;
import io.partner.ppm.runtime.management.ManagementServer;
import io.partner.ppm.runtime.management.TestEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of {@code ppm} against a real daemon supervising real processes, found through its
 * runtime file, and every error path: unknown service 1, usage 2, no daemon 3.
 */
class CliAgainstRealDaemonTest {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private static final String SERVICES = """
            services:
              - name: sleeper
                command: ["sleep", "1000"]
              - name: talker
                command: ["sh", "-c", "echo hello; echo oops >&2; exec sleep 1000"]
            """;

    @TempDir
    Path dir;

    private RunningDaemon running;
    private ManagementServer management;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        running = RunningDaemon.startWithEndpoints(dir, SERVICES);
        management = running.daemon.management();
        env.put("PPM_RUNTIME_FILE", management.runtimeFile().toString());
        running.awaitState("sleeper", ServiceState.RUNNING);
        running.awaitState("talker", ServiceState.RUNNING);
    }

    @AfterEach
    void stop() {
        if (!running.daemon.exitCode().isDone()) {
            running.close();
        }
    }

    private CliRun ppm(String... args) {
        return CliRun.of(env, args);
    }

    private ServiceInfo info(String name) {
        return running.info(name);
    }

    @Test
    void lsAndInfoShowTheRealProcesses() {
        CliRun ls = ppm("ls");
        CliRun info = ppm("info");
        CliRun one = ppm("info", "sleeper");

        assertThat(ls.exitCode()).as(ls.err()).isZero();
        assertThat(ls.out()).contains("sleeper", "talker", "Running", Long.toString(info("sleeper").pid()));
        assertThat(info.out()).contains("PPM ", "2 running", management.jolokiaUrl().orElseThrow());
        assertThat(one.out()).contains("sleep 1000", "Running", Long.toString(info("sleeper").pid()));
        List<?> json = (List<?>) Json.parse(ppm("ls", "--json").out());
        assertThat(json).hasSize(2);
    }

    @Test
    void serviceCommandsDriveRealProcesses() {
        long firstPid = info("sleeper").pid();

        assertThat(ppm("stop", "sleeper").exitCode()).isZero();
        running.awaitState("sleeper", ServiceState.FINISHED);
        assertThat(ProcessHandle.of(firstPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(ppm("start", "sleeper").exitCode()).isZero();
        ServiceInfo started = running.awaitState("sleeper", ServiceState.RUNNING);
        assertThat(started.pid()).isNotEqualTo(firstPid);

        assertThat(ppm("pause", "sleeper").exitCode()).isZero();
        running.awaitState("sleeper", ServiceState.STOPPED);
        assertThat(ppm("resume", "sleeper").exitCode()).isZero();
        running.awaitState("sleeper", ServiceState.RUNNING);

        assertThat(ppm("restart", "sleeper").exitCode()).isZero();
        running.awaitService("sleeper", s -> s.state() == ServiceState.RUNNING && s.pid() != started.pid());

        assertThat(ppm("signal", "USR1", "talker").out()).isEqualTo("sent USR1 to talker\n");
        ServiceInfo killed = running.awaitState("talker", ServiceState.CRASHED);
        assertThat(killed.lastSignal()).isEqualTo("USR1");
    }

    @Test
    void addedServiceRunsAppearsInTheConfigurationAndIsRemoved() throws Exception {
        CliRun add = ppm("add", "--name", "job", "--env", "GREETING=hi there", "--cwd", dir.toString(), "--",
                "sh", "-c", "echo \"$GREETING from $(pwd)\"; exec sleep 1000");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("added job\n");
        running.awaitState("job", ServiceState.RUNNING);
        await().atMost(DEADLINE).until(() -> ppm("logs", "job").out().contains("hi there from " + dir));

        String yaml = ppm("show-configuration").out();
        assertThat(yaml).contains("job", "GREETING");
        // Read back as a configuration, it gives the same services (ShowConfigurationRoundTripTest feeds
        // it to a second daemon).
        DaemonConfig reread = new ConfigLoader(System.getenv(), ConfigExtensions.NONE).loadText(yaml, "show-configuration");
        assertThat(reread.services()).containsExactlyElementsOf(running.daemon.supervisor().services().stream()
                .map(service -> running.daemon.supervisor().spec(service.name()).orElseThrow()).toList());

        long pid = info("job").pid();
        assertThat(ppm("rm", "job").out()).isEqualTo("removed job\n");
        // The daemon stops the service, then removes it.
        await().atMost(DEADLINE).until(() -> running.daemon.supervisor().service("job").isEmpty());
        await().atMost(DEADLINE).until(() -> !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    @Test
    void logsShowsWhatTheServicesWroteAndFollowsNewLines() throws Exception {
        // stdout and stderr are read separately: their lines may come in either order.
        await().atMost(DEADLINE).until(() -> ppm("logs", "talker").out().lines().sorted().toList().equals(List.of("hello", "oops")));
        assertThat(ppm("logs", "-n", "1", "talker").out()).isIn("hello\n", "oops\n");
        assertThat(ppm("logs").out()).contains("talker | hello", "talker | oops");

        StringWriter out = new StringWriter();
        Context context = new Context(env, new PrintWriter(out, true), new PrintWriter(new StringWriter(), true), Style.plain());
        Thread follower = Thread.ofPlatform().start(() -> Ppm.run(context, "logs", "-f", "-n", "1"));
        try {
            await().atMost(DEADLINE).until(() -> out.toString().contains("talker | "));
            assertThat(ppm("add", "--name", "ticker", "--", "sh", "-c", "echo tick; exec sleep 1000").exitCode()).isZero();
            await().atMost(DEADLINE).until(() -> out.toString().contains("ticker | tick"));
        } finally {
            follower.interrupt();
            follower.join(DEADLINE.toMillis());
        }
    }

    @Test
    void statsReloadPluginsAndShutdown() throws Exception {
        CliRun stats = ppm("stats");
        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(stats.out()).contains("daemon     rss", "sleeper", Long.toString(info("sleeper").pid()));
        assertThat(ppm("stats", "talker", "--json").exitCode()).isZero();
        assertThat(ppm("plugins").out()).isEqualTo("no plugins\n");

        Files.writeString(running.configFile, RunningDaemon.NO_ENDPOINTS + SERVICES + """
                  - name: broken
                    command: ["sleep", "1000"
                """);
        CliRun refused = ppm("reload");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.errorLine()).startsWith("ppm: " + running.configFile + ":").contains("YAML syntax error");

        Files.writeString(running.configFile, RunningDaemon.NO_ENDPOINTS + SERVICES + """
                  - name: newcomer
                    command: ["sleep", "1000"]
                """);
        assertThat(ppm("reload").out()).isEqualTo("reloaded the configuration\n");
        running.awaitState("newcomer", ServiceState.RUNNING);

        String url = management.jolokiaUrl().orElseThrow();
        assertThat(ppm("shutdown").out()).isEqualTo("the daemon is shutting down\n");
        assertThat(running.daemon.exitCode().get(DEADLINE.toSeconds(), TimeUnit.SECONDS)).isZero();

        assertThat(management.runtimeFile()).doesNotExist();
        // Asked at its own address: without the runtime file the command would try the default
        // endpoint, where another daemon on this machine may well answer.
        CliRun gone = CliRun.of(Map.of("PPM_URL", url), "ls");
        assertThat(gone.exitCode()).isEqualTo(3);
        assertThat(gone.errorLine()).startsWith("ppm: no daemon reachable at ").contains("start one with 'ppm daemon'");
    }

    @Test
    void errorPathsHaveTheirExitCodesAndChangeNothing() throws Exception {
        List<ServiceInfo> before = running.daemon.supervisor().services();

        Map<String, Integer> expected = new java.util.LinkedHashMap<>();
        expected.put("start ghost", 1);
        expected.put("signal TERM ghost", 1);
        expected.put("logs ghost", 1);
        expected.put("info bad/name", 1);
        expected.put("signal BOGUS sleeper", 1);
        expected.put("add --name bad/name -- sleep 1", 1);
        expected.put("add --name sleeper -- sleep 1", 1);
        expected.put("add --name x --restart sometimes -- sleep 1", 1);
        expected.put("add --name x --env =1 -- sleep 1", 2);
        expected.put("add --name x --env NOVALUE -- sleep 1", 2);
        expected.put("add --name x", 2);
        expected.put("frobnicate", 2);
        expected.put("logs -n -3", 2);
        for (Map.Entry<String, Integer> entry : expected.entrySet()) {
            CliRun run = ppm(entry.getKey().split(" "));
            assertThat(run.exitCode()).as(entry.getKey() + ": " + run.err()).isEqualTo(entry.getValue());
            assertThat(run.err()).as(entry.getKey()).startsWith("ppm: ").doesNotContain("\tat ").doesNotContain("Exception");
        }
        CliRun emptyCommand = ppm("add", "--name", "x", "--", "");
        assertThat(emptyCommand.exitCode()).isEqualTo(1);
        assertThat(emptyCommand.errorLine()).contains("empty command");
        // A shell cannot pass a NUL, a program calling ppm in-process can: the daemon refuses it.
        for (String[] args : List.of(new String[] {"add", "--name", "x", "--", "echo", "a\0b"},
                new String[] {"add", "--name", "x", "--env", "A=x\0y", "--", "true"})) {
            CliRun withNul = ppm(args);
            assertThat(withNul.exitCode()).isEqualTo(1);
            assertThat(withNul.err().lines()).hasSize(1);
            assertThat(withNul.errorLine()).contains("service definition:1:", "NUL character (\\0) in a value");
        }

        assertThat(running.daemon.supervisor().services()).extracting(ServiceInfo::name).containsExactlyElementsOf(
                before.stream().map(ServiceInfo::name).toList());
        assertThat(info("sleeper").pid()).isEqualTo(before.getFirst().pid());
    }

    @Test
    void noDaemonIsExitCodeThreeForEveryClientCommand() throws Exception {
        Map<String, String> nowhere = Map.of("PPM_RUNTIME_FILE", dir.resolve("absent.json").toString(),
                "PPM_URL", "http://127.0.0.1:" + TestEndpoints.freePort() + "/jolokia/");
        for (String command : List.of("ls", "info", "info sleeper", "stats", "start sleeper", "logs", "reload", "plugins",
                "show-configuration", "shutdown", "add --name x -- true", "rm sleeper")) {
            CliRun run = CliRun.of(nowhere, command.split(" "));
            assertThat(run.exitCode()).as(command).isEqualTo(3);
            assertThat(run.err().lines().count()).as(command).isEqualTo(1);
        }
    }
}
