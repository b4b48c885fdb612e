package io.partner.ppm.plugin.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.plugin.testkit.PluginDaemon;
import io.partner.ppm.plugin.testkit.PluginJars;
import io.partner.ppm.runtime.config.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cron plugin, as a jar in the plugin folder of a real daemon, running real processes. */
class CronThroughDaemonTest {

    /** Each run of the scheduled job lasts this long: longer than the one-second period. */
    private static final Duration RUN_TIME = Duration.ofMillis(1200);

    @TempDir
    Path dir;

    private Path plugins;

    @BeforeEach
    void setUp() throws IOException {
        plugins = Files.createDirectories(dir.resolve("plugins"));
    }

    private void installPlugin() throws IOException {
        PluginJars.fromClasses(PluginJars.moduleClasses(), "cron", "1.0.0", plugins.resolve("cron.jar"));
    }

    @Test
    void quartzScheduleRunsTheServiceEverySecondItIsFreeAndNeverTwiceAtOnce() throws Exception {
        installPlugin();
        // The job itself notices an overlap: the lock folder of a run still going would already exist.
        Path job = Files.writeString(dir.resolve("job.sh"), """
                mkdir "%1$s/lock" || echo overlap >> "%1$s/overlaps"
                echo run >> "%1$s/runs"
                sleep %2$s
                rmdir "%1$s/lock"
                """.formatted(dir, RUN_TIME.toMillis() / 1000.0));

        try (PluginDaemon d = PluginDaemon.start(dir, plugins, """
                services:
                  - name: tick
                    command: ["sh", "%s"]
                    schedule: "* * * * * ?"
                    schedule_format: quartz
                  - name: nightly
                    command: ["sh", "-c", "exit 0"]
                    schedule: "0 0 3 * * ?"
                    schedule_format: quartz
                    timezone: UTC
                """.formatted(job))) {
            List<ServiceEvent> starts = d.awaitEvents("tick", ServiceEvent.Type.STARTED, 4);
            d.awaitEvents("tick", ServiceEvent.Type.FINISHED, 4);

            for (int i = 1; i < 4; i++) {
                long gap = starts.get(i).timestamp() - starts.get(i - 1).timestamp();
                // No run starts before the previous one ended (give or take the moments the clock was
                // read at); a busy machine may only make the gaps longer.
                assertThat(gap).as("gap before run %d", i + 1)
                        .isGreaterThanOrEqualTo(RUN_TIME.toMillis() - 50)
                        .isLessThan(6_000);
            }
            assertNeverTwoRunsAtOnce(d.events());
            assertThat(dir.resolve("overlaps")).doesNotExist();
            assertThat(Files.readAllLines(dir.resolve("runs")).size()).isGreaterThanOrEqualTo(4);
            assertThat(Integer.parseInt(d.info("tick").details().get("skipped_runs")))
                    .as("a fire time falls inside each run").isPositive();
            assertNextRunsOneSecondApart(d.info("tick").details().get("next_runs"));

            ServiceInfo nightly = d.info("nightly");
            assertThat(d.daemon().supervisor().spec("nightly").orElseThrow().autostart()).isFalse();
            assertThat(nightly.state()).as("a scheduled service waits for its time").isEqualTo(ServiceState.CREATED);
            assertThat(d.events("nightly", ServiceEvent.Type.STARTED)).isEmpty();
            assertThat(times(nightly.details().get("next_runs")))
                    .hasSize(CronJob.RUNS_SHOWN)
                    .allSatisfy(t -> assertThat(t.toString()).endsWith("T03:00Z"));
        }
    }

    @Test
    void cronRestartRestartsALongRunningService() throws Exception {
        installPlugin();
        try (PluginDaemon d = PluginDaemon.start(dir, plugins, """
                services:
                  - name: web
                    command: ["sleep", "60"]
                    cron_restart: "*/2 * * * * ?"
                    schedule_format: quartz
                """)) {
            assertThat(d.daemon().supervisor().spec("web").orElseThrow().autostart()).as("cron_restart keeps autostart").isTrue();
            long firstPid = d.awaitService("web", s -> s.state() == ServiceState.RUNNING).pid();

            ServiceInfo restarted = d.awaitService("web", s -> s.state() == ServiceState.RUNNING && s.pid() != firstPid);

            assertThat(restarted.pid()).isPositive().isNotEqualTo(firstPid);
            assertThat(d.awaitEvents("web", ServiceEvent.Type.FINISHED, 1).getFirst().exit().signalName())
                    .as("stopped with its stop signal").isEqualTo("TERM");
            assertThat(times(restarted.details().get("next_restarts"))).hasSize(CronJob.RUNS_SHOWN)
                    .allSatisfy(t -> assertThat(t.getSecond() % 2).isZero());
        }
    }

    @Test
    void unknownServiceKeyIsRejectedAtStartWhileThePluginsOwnKeyIsAccepted() throws Exception {
        String scheduled = """
                services:
                  - name: report
                    command: ["sh", "-c", "exit 0"]
                    schedule: "0 0 3 * * ?"
                    schedule_format: quartz
                """;
        Path config = dir.resolve("ppm.yml");

        // Without the plugin nobody owns schedule; the daemon header takes the first five lines.
        assertThatThrownBy(() -> PluginDaemon.start(dir, plugins, scheduled))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":9:5: ")
                .hasMessageContaining("schedule");

        installPlugin();
        try (PluginDaemon d = PluginDaemon.start(dir, plugins, scheduled)) {
            assertThat(d.info("report").state()).isEqualTo(ServiceState.CREATED);
            assertThat(d.info("report").details()).containsKey("next_runs");
        }

        assertThatThrownBy(() -> PluginDaemon.start(dir, plugins, scheduled + "    colour: blue\n"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(config + ":11:5: ")
                .hasMessageContaining("colour");
    }

    /** Along the recorded events, a run of a service never starts while another run of it is alive. */
    private static void assertNeverTwoRunsAtOnce(List<ServiceEvent> events) {
        boolean alive = false;
        for (ServiceEvent event : events) {
            if (!event.service().equals("tick")) {
                continue;
            }
            switch (event.type()) {
                case STARTED, RESTARTED -> {
                    assertThat(alive).as("run started at %s while one was alive", Instant.ofEpochMilli(event.timestamp()))
                            .isFalse();
                    alive = true;
                }
                case FINISHED, CRASHED -> alive = false;
                default -> {
                    // Other events do not change whether a run is alive.
                }
            }
        }
    }

    private static void assertNextRunsOneSecondApart(String detail) {
        List<OffsetDateTime> runs = times(detail);
        assertThat(runs).hasSize(CronJob.RUNS_SHOWN);
        for (int i = 1; i < runs.size(); i++) {
            assertThat(Duration.between(runs.get(i - 1), runs.get(i))).isEqualTo(Duration.ofSeconds(1));
        }
    }

    private static List<OffsetDateTime> times(String detail) {
        assertThat(detail).isNotNull();
        return Arrays.stream(detail.split(", ")).map(OffsetDateTime::parse).toList();
    }
}
