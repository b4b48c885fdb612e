package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.cli.json.Json;
import io.partner.ppm.cli.output.Style;
import io.partner.ppm.runtime.logs.LogLine;
import io.partner.ppm.runtime.management.InMemoryDaemon;
import io.partner.ppm.runtime.management.ManagementServer;
import io.partner.ppm.runtime.management.TestEndpoints;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line against a real ManagementServer (real RMI and HTTP) over an in-memory daemon. */
class CliAgainstInMemoryDaemonTest {

    @TempDir
    Path dir;

    private final InMemoryDaemon daemon = new InMemoryDaemon();
    private ManagementServer server;
    private final Map<String, String> env = new HashMap<>();

    @BeforeEach
    void start() throws Exception {
        daemon.add(ServiceSpec.of("web", List.of("python3", "-m", "http.server")));
        daemon.add(ServiceSpec.of("worker", List.of("sleep", "1000")));
        server = ManagementServer.start(daemon, TestEndpoints.jmx(), TestEndpoints.jolokia(), dir.resolve("daemon.json"));
        env.put("PPM_RUNTIME_FILE", server.runtimeFile().toString());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CliRun ppm(String transport, String... args) {
        Map<String, String> withUrl = new HashMap<>(env);
        withUrl.put("PPM_URL", transport.equals("jmx") ? server.jmxUrl().orElseThrow() : server.jolokiaUrl().orElseThrow());
        return CliRun.of(withUrl, args);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void lsPrintsAnAlignedTableOfEveryService(String transport) {
        CliRun run = ppm(transport, "ls");

        assertThat(run.exitCode()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).startsWith("NAME").contains("STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEMORY");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("web").contains("Running");
        assertThat(lines.get(2)).startsWith("worker").contains("Running");
        assertThat(lines.get(1).indexOf("Running")).isEqualTo(lines.get(2).indexOf("Running"));
        assertThat(run.out()).doesNotContain("\u001b[");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void lsJsonGivesTheServiceRecords(String transport) {
        CliRun run = ppm(transport, "ls", "--json");

        assertThat(run.exitCode()).isZero();
        List<?> services = (List<?>) Json.parse(run.out());
        assertThat(services).hasSize(2);
        assertThat(((Map<?, ?>) services.getFirst()).get("name")).isEqualTo("web");
        assertThat(((Map<?, ?>) services.getFirst()).get("state")).isEqualTo("RUNNING");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void infoShowsTheDaemonOrOneService(String transport) {
        CliRun daemonInfo = ppm(transport, "info");
        CliRun serviceInfo = ppm(transport, "info", "web");

        assertThat(daemonInfo.exitCode()).isZero();
        assertThat(daemonInfo.out()).contains("PPM 0.1.0-test", "2 running", "(none: embedded default)");
        assertThat(serviceInfo.exitCode()).isZero();
        assertThat(serviceInfo.out()).contains("name:", "web", "python3 -m http.server", "Running");
        assertThat(Json.parse(ppm(transport, "info", "web", "--json").out())).isInstanceOf(Map.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void serviceCommandsDriveTheServices(String transport) {
        assertThat(ppm(transport, "stop", "web").out()).isEqualTo("stopped web\n");
        assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Finished");
        assertThat(ppm(transport, "start", "web").exitCode()).isZero();
        assertThat(ppm(transport, "pause", "web").exitCode()).isZero();
        assertThat(daemon.service("web").orElseThrow().state().label()).isEqualTo("Stopped");
        assertThat(ppm(transport, "resume", "web").exitCode()).isZero();
        assertThat(ppm(transport, "restart", "all").out()).contains("restarted web", "restarted worker");
        assertThat(ppm(transport, "signal", "KILL", "worker").out()).isEqualTo("sent KILL to worker\n");
        assertThat(daemon.service("worker").orElseThrow().state().label()).isEqualTo("Crashed");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void addBuildsADefinitionTheDaemonAcceptsAndRmRemovesIt(String transport) {
        CliRun add = ppm(transport, "add", "--name", "job", "--env", "A=1", "--env", "B=x=y", "--cwd", "/tmp",
                "--restart", "never", "--schedule", "*/5 * * * *", "--", "sh", "-c", "echo hi");

        assertThat(add.exitCode()).as(add.err()).isZero();
        assertThat(add.out()).isEqualTo("added job\n");
        ServiceSpec spec = daemon.spec("job").orElseThrow();
        assertThat(spec.command()).containsExactly("sh", "-c", "echo hi");
        assertThat(spec.env()).containsEntry("A", "1").containsEntry("B", "x=y");
        assertThat(spec.cwd()).isEqualTo("/tmp");
        assertThat(spec.restart()).isEqualTo("never");
        assertThat(spec.extensions()).containsEntry("schedule", "*/5 * * * *");
        assertThat(ppm(transport, "show-configuration").out()).contains("name: job");

        assertThat(ppm(transport, "rm", "job").out()).isEqualTo("removed job\n");
        assertThat(daemon.service("job")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void unknownServiceIsExitCodeOneWithOneLine(String transport) {
        for (String[] args : List.of(new String[] {"start", "ghost"}, new String[] {"info", "ghost"},
                new String[] {"rm", "ghost"}, new String[] {"logs", "ghost"}, new String[] {"stats", "ghost"})) {
            CliRun run = ppm(transport, args);
            assertThat(run.exitCode()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.errorLine()).isEqualTo("ppm: unknown service 'ghost'");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void badInputIsOneClearLineAndChangesNothing(String transport) {
        var before = daemon.services();

        CliRun badName = ppm(transport, "add", "--name", "bad name", "--", "sleep", "1");
        CliRun emptyCommand = ppm(transport, "add", "--name", "x", "--", "");
        CliRun badSignal = ppm(transport, "signal", "BOGUS", "web");
        CliRun invalidName = ppm(transport, "stop", "no/such");
        CliRun badEnv = ppm(transport, "add", "--name", "x", "--env", "NOEQUALS", "--", "sleep", "1");
        CliRun badRestart = ppm(transport, "add", "--name", "x", "--restart", "sometimes", "--", "sleep", "1");

        assertThat(badName.exitCode()).isEqualTo(1);
        assertThat(badName.errorLine()).contains("invalid service name 'bad name'").doesNotContain("\n");
        assertThat(emptyCommand.exitCode()).isEqualTo(1);
        assertThat(emptyCommand.errorLine()).contains("empty command");
        assertThat(badSignal.exitCode()).isEqualTo(1);
        assertThat(badSignal.errorLine()).startsWith("ppm: unknown signal 'BOGUS'");
        assertThat(invalidName.exitCode()).isEqualTo(1);
        assertThat(invalidName.errorLine()).contains("invalid service name 'no/such'");
        assertThat(badEnv.exitCode()).isEqualTo(2);
        assertThat(badEnv.errorLine()).startsWith("ppm: --env NOEQUALS: expected KEY=VALUE");
        assertThat(badRestart.exitCode()).isEqualTo(1);
        assertThat(badRestart.errorLine()).contains("unknown restart policy 'sometimes'");
        for (CliRun run : List.of(badName, emptyCommand, badSignal, invalidName, badEnv, badRestart)) {
            assertThat(run.err().lines().count()).as(run.err()).isEqualTo(1);
        }
        assertThat(daemon.services()).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void logsPrintsTheLastLinesOfOneOrEveryService(String transport) {
        daemon.write("web", LogLine.Stream.STDOUT, "one");
        daemon.write("web", LogLine.Stream.STDERR, "two");
        daemon.write("worker", LogLine.Stream.STDOUT, "three");

        assertThat(ppm(transport, "logs", "web", "-n", "1").out()).isEqualTo("two\n");
        assertThat(ppm(transport, "logs").out()).contains("web | one", "web | two", "worker | three");
        CliRun json = ppm(transport, "logs", "web", "--json");
        assertThat(json.out().lines()).hasSize(2).allSatisfy(line -> assertThat(Json.parse(line)).isInstanceOf(Map.class));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    @SuppressWarnings("unchecked")
    void daemonWideCommandsReachTheDaemon(String transport) {
        assertThat(ppm(transport, "reload").exitCode()).isZero();
        assertThat(daemon.reloads()).isEqualTo(1);
        assertThat(ppm(transport, "stats").out()).contains("THREADS", "web", "worker", "TOTAL",
                "daemon     rss 48M  heap 9.5M / 31M  threads 20  cpu 0.5%",
                "container  memory 95M / 488M (19.5%)  cpu 1.5 cores (quota)",
                "host       memory 3.7G available of 7.5G  load 0.50 0.40 0.30");
        Map<String, ?> stats = (Map<String, ?>) Json.parse(ppm(transport, "stats", "--json").out());
        assertThat(stats.keySet()).containsExactly("daemon", "container", "services", "total");
        assertThat(ppm(transport, "plugins").out()).isEqualTo("no plugins\n");
        daemon.setPlugins(List.of(new PluginInfo("ppm-cron", "1.0", "STARTED", List.of("x.Cron"), null, "/p/cron.jar")));
        assertThat(ppm(transport, "plugins").out()).contains("ppm-cron", "1.0", "STARTED", "/p/cron.jar");
        assertThat(ppm(transport, "shutdown").out()).isEqualTo("the daemon is shutting down\n");
        assertThat(daemon.shutdownRequested()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"jmx", "jolokia"})
    void statsSamplesOnDemandAndShowsTheTrendOfOneService(String transport) {
        CliRun stats = ppm(transport, "stats", "web");

        assertThat(stats.exitCode()).as(stats.err()).isZero();
        assertThat(daemon.samples()).isEqualTo(1);
        assertThat(stats.out()).contains("HISTORY   MIN   AVG   MAX  LAST 2 SAMPLES\n"
                + "cpu      1.0%  1.5%  2.0%  ▅█\n"
                + "memory   100B  150B  200B  ▅█\n");
    }

    @Test
    void findsTheDaemonThroughItsRuntimeFile() {
        CliRun run = CliRun.of(env, "ls");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("web", "worker");
    }

    @Test
    void followingLogsPrintsNewLinesAsTheyCome() throws Exception {
        daemon.write("web", LogLine.Stream.STDOUT, "before");
        StringWriter out = new StringWriter();
        Context context = new Context(env, new PrintWriter(out, true), new PrintWriter(new StringWriter()),
                Style.plain());
        Thread follower = Thread.ofPlatform().start(() -> Ppm.run(context, "logs", "-f", "web"));
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> out.toString().contains("before"));
            daemon.write("web", LogLine.Stream.STDOUT, "after");
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> out.toString().contains("after"));
            assertThat(out.toString()).isEqualTo("before\nafter\n");
        } finally {
            follower.interrupt();
            follower.join(20_000);
        }
    }

    @Test
    void noDaemonIsExitCodeThree() throws Exception {
        server.close();

        CliRun byFile = CliRun.of(Map.of("PPM_RUNTIME_FILE", dir.resolve("none.json").toString(),
                "PPM_URL", "http://127.0.0.1:" + TestEndpoints.freePort() + "/jolokia/"), "ls");
        CliRun byJmx = CliRun.of(Map.of("PPM_URL", "service:jmx:rmi:///jndi/rmi://127.0.0.1:" + TestEndpoints.freePort() + "/jmxrmi"), "ls");

        assertThat(byFile.exitCode()).isEqualTo(3);
        assertThat(byFile.errorLine()).startsWith("ppm: no daemon reachable at http://127.0.0.1:").contains("connection refused");
        assertThat(byJmx.exitCode()).isEqualTo(3);
        assertThat(byJmx.errorLine()).startsWith("ppm: no daemon reachable at service:jmx:");
        server = ManagementServer.start(daemon, TestEndpoints.jmx(), TestEndpoints.jolokia(), dir.resolve("daemon.json"));
    }

    @Test
    void usageErrorsAreExitCodeTwo() {
        assertThat(CliRun.of(env, "lss").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(env, "lss").errorLine()).startsWith("ppm: unknown command 'lss' (did you mean ls?)");
        assertThat(CliRun.of(env).exitCode()).isEqualTo(2);
        assertThat(CliRun.of(env, "start").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(env, "add", "--name", "x").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(env, "logs", "-n", "0").exitCode()).isEqualTo(2);
        assertThat(CliRun.of(env, "ls", "--bogus").errorLine()).startsWith("ppm: Unknown option: '--bogus'");
        assertThat(CliRun.of(env, "ls", "--url", "ftp://x").exitCode()).isEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ls", "ls --json", "info", "info web", "info web --json", "stats", "stats worker --json",
            "info ghost", "version", "version --json"})
    void quickPathPrintsExactlyWhatPicocliPrints(String commandLine) {
        String[] args = commandLine.split(" ");
        StringWriter quickOut = new StringWriter();
        StringWriter quickErr = new StringWriter();
        StringWriter fullOut = new StringWriter();
        StringWriter fullErr = new StringWriter();
        Map<String, String> withUrl = new HashMap<>(env);
        withUrl.put("PPM_URL", server.jolokiaUrl().orElseThrow());

        Integer quick = QuickPath.tryRun(new Context(withUrl, new PrintWriter(quickOut, true),
                new PrintWriter(quickErr, true), Style.plain()), args);
        int full = PicocliPath.run(new Context(withUrl, new PrintWriter(fullOut, true),
                new PrintWriter(fullErr, true), Style.plain()), args);

        assertThat(quick).isEqualTo(full);
        assertThat(normalize(quickOut.toString())).isEqualTo(normalize(fullOut.toString()));
        assertThat(quickErr.toString()).isEqualTo(fullErr.toString());
    }

    /** Uptimes move between two runs. */
    private static String normalize(String output) {
        return output.replaceAll("\"uptimeMillis\":\\d+", "").replaceAll("up \\S+", "");
    }

    @Test
    void quickPathLeavesEverythingUnusualToPicocli() {
        Context context = new Context(env, new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), Style.plain());
        for (String commandLine : List.of("ls --help", "ls web", "stats --watch", "stats --sort mem", "info a b", "ls --url", "start web",
                "version --url x", "ls -j")) {
            assertThat(QuickPath.tryRun(context, commandLine.split(" "))).as(commandLine).isNull();
        }
    }

    @Test
    void versionAndHelpNeedNoDaemon() {
        CliRun version = CliRun.of(Map.of(), "version");
        CliRun help = CliRun.of(Map.of(), "--help");

        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).matches("ppm \\d+\\.\\d+\\.\\d+.*\\n");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("daemon", "show-configuration", "Exit codes");
    }
}
