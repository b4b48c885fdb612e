package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.Signal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every state and transition of a service, with real processes. */
class ServiceLifecycleTest {

    @TempDir
    Path dir;

    @Test
    void oneShotEndingWithZeroIsFinishedAndStaysSo() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: once
                    command: ["sh", "-c", "exit 0"]
                """)) {
            ServiceInfo info = d.awaitState("once", ServiceState.FINISHED);
            d.awaitEvents("once", ServiceEvent.Type.FINISHED, 1);
            assertThat(info.lastExitCode()).isZero();
            assertThat(info.lastSignal()).isNull();
            assertThat(d.events("once", ServiceEvent.Type.RESTART_SCHEDULED)).isEmpty();
            assertThat(d.events("once", ServiceEvent.Type.STARTED)).hasSize(1);
        }
    }

    @Test
    void nonZeroExitIsCrashedAndRestarted() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: failing
                    command: ["sh", "-c", "exit 3"]
                    backoff: { interval: 50ms, max: 50ms }
                """)) {
            List<ServiceEvent> crashes = d.awaitEvents("failing", ServiceEvent.Type.CRASHED, 2);
            assertThat(crashes.getFirst().exit().exitCode()).isEqualTo(3);
            assertThat(crashes.getFirst().state()).isEqualTo(ServiceState.CRASHED);
            d.awaitEvents("failing", ServiceEvent.Type.RESTARTED, 1);
            assertThat(d.info("failing").totalRestarts()).isPositive();
        }
    }

    @Test
    void killedBySigtermIsFinishedButExit143IsCrashed() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: termed
                    command: ["sh", "-c", "kill -TERM $$; sleep 5"]
                    restart: never
                  - name: exits143
                    command: ["sh", "-c", "exit 143"]
                    restart: never
                """)) {
            ServiceInfo termed = d.awaitState("termed", ServiceState.FINISHED);
            assertThat(termed.lastSignal()).isEqualTo("TERM");
            assertThat(termed.lastExitCode()).isEqualTo(-1);
            ServiceInfo exited = d.awaitState("exits143", ServiceState.CRASHED);
            assertThat(exited.lastExitCode()).isEqualTo(143);
            assertThat(exited.lastSignal()).isNull();
        }
    }

    @Test
    void killedByAnotherSignalIsCrashedWithTheSignalNamed() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: victim
                    command: ["sleep", "60"]
                    restart: never
                """)) {
            d.awaitState("victim", ServiceState.RUNNING);
            d.daemon.supervisor().signal("victim", Signal.KILL);
            ServiceInfo info = d.awaitState("victim", ServiceState.CRASHED);
            assertThat(info.lastSignal()).isEqualTo("KILL");
            assertThat(info.reason()).contains("SIGKILL");
        }
    }

    @Test
    void successExitCodesCountAsANormalEnd() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: partial
                    command: ["sh", "-c", "exit 2"]
                    success_exit_codes: [0, 2]
                """)) {
            assertThat(d.awaitState("partial", ServiceState.FINISHED).lastExitCode()).isEqualTo(2);
        }
    }

    @Test
    void stoppingAProgramThatExits143OnSigtermIsFinishedAndNotRestarted() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: jvmlike
                    command: ["sh", "-c", "trap 'exit 143' TERM; echo trap installed; while true; do sleep 0.05; done"]
                    restart: always
                """)) {
            // RUNNING only says the shell was spawned; a SIGTERM before its trap is set would kill it outright.
            d.awaitStdout(out -> out.contains("jvmlike | trap installed\n"));
            d.daemon.supervisor().stop("jvmlike");
            ServiceInfo info = d.awaitState("jvmlike", ServiceState.FINISHED);
            assertThat(info.lastExitCode()).isEqualTo(143);
            assertThat(info.reason()).startsWith("stopped on request");
            assertThat(info.nextRestartAt()).isZero();
            assertThat(d.events("jvmlike", ServiceEvent.Type.RESTART_SCHEDULED)).isEmpty();
        }
    }

    @Test
    void sigstopPausesAndSigcontResumes() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: pausable
                    command: ["sleep", "60"]
                """)) {
            long pid = d.awaitState("pausable", ServiceState.RUNNING).pid();
            d.daemon.supervisor().signal("pausable", Signal.STOP);
            assertThat(d.awaitState("pausable", ServiceState.STOPPED).pid()).isEqualTo(pid);
            d.daemon.supervisor().signal("pausable", Signal.CONT);
            assertThat(d.awaitState("pausable", ServiceState.RUNNING).pid()).isEqualTo(pid);
            assertThat(d.events("pausable", ServiceEvent.Type.PAUSED)).hasSize(1);
            assertThat(d.events("pausable", ServiceEvent.Type.RESUMED)).hasSize(1);
        }
    }

    @Test
    void aPausedServiceCanStillBeStopped() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: frozen
                    command: ["sleep", "60"]
                """)) {
            d.awaitState("frozen", ServiceState.RUNNING);
            d.daemon.supervisor().signal("frozen", Signal.STOP);
            d.awaitState("frozen", ServiceState.STOPPED);
            d.daemon.supervisor().stop("frozen");
            assertThat(d.awaitState("frozen", ServiceState.FINISHED).lastSignal()).isEqualTo("TERM");
        }
    }

    @Test
    void aCommandThatCannotBeStartedIsCrashedWithItsReason() throws Exception {
        Path notExecutable = Files.writeString(dir.resolve("script.sh"), "echo hi\n");
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: missing
                    command: ["/nonexistent/bin/tool", "--flag"]
                    restart: never
                  - name: noexec
                    command: ["%s"]
                    restart: never
                """.formatted(notExecutable))) {
            ServiceInfo missing = d.awaitState("missing", ServiceState.CRASHED);
            assertThat(missing.reason()).contains("/nonexistent/bin/tool").contains("No such file or directory");
            ServiceInfo noexec = d.awaitState("noexec", ServiceState.CRASHED);
            assertThat(noexec.reason()).contains("Permission denied");
        }
    }

    @Test
    void autostartFalseStaysCreatedUntilStarted() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: manual
                    command: ["sleep", "60"]
                    autostart: false
                """)) {
            assertThat(d.info("manual").state()).isEqualTo(ServiceState.CREATED);
            d.daemon.supervisor().start("manual");
            d.awaitState("manual", ServiceState.RUNNING);
        }
    }

    @Test
    void restartPoliciesAlwaysAndNever() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: again
                    command: ["sh", "-c", "exit 0"]
                    restart: always
                    backoff: { interval: 20ms, max: 20ms }
                  - name: once-only
                    command: ["sh", "-c", "exit 1"]
                    restart: never
                """)) {
            d.awaitEvents("again", ServiceEvent.Type.RESTARTED, 2);
            d.awaitState("once-only", ServiceState.CRASHED);
            assertThat(d.events("once-only", ServiceEvent.Type.RESTART_SCHEDULED)).isEmpty();
        }
    }

    @Test
    void givesUpAfterMaxRestarts() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: hopeless
                    command: ["sh", "-c", "exit 1"]
                    backoff: { interval: 10ms, max: 40ms, max_restarts: 3 }
                """)) {
            d.awaitEvents("hopeless", ServiceEvent.Type.GAVE_UP, 1);
            ServiceInfo info = d.info("hopeless");
            assertThat(info.gaveUp()).isTrue();
            assertThat(info.state()).isEqualTo(ServiceState.CRASHED);
            assertThat(info.totalRestarts()).isEqualTo(3);
            assertThat(d.events("hopeless", ServiceEvent.Type.CRASHED)).hasSize(4);
            assertThat(info.reason()).startsWith("gave up after 3 restarts");
        }
    }

    @Test
    void crashedServiceIsRestartedWithDoublingDelayInRealTime() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: doubling
                    command: ["sh", "-c", "exit 1"]
                    backoff: { interval: 100ms, max: 400ms, max_restarts: 4 }
                """)) {
            d.awaitEvents("doubling", ServiceEvent.Type.GAVE_UP, 1);
            List<ServiceEvent> crashes = d.events("doubling", ServiceEvent.Type.CRASHED);
            List<ServiceEvent> restarts = d.events("doubling", ServiceEvent.Type.RESTARTED);
            assertThat(restarts).hasSize(4);
            long[] expected = {100, 200, 400, 400};
            for (int i = 0; i < expected.length; i++) {
                long gap = restarts.get(i).timestamp() - crashes.get(i).timestamp();
                // Never early; late only by scheduling noise on a loaded machine.
                assertThat(gap).as("delay before restart %d", i + 1).isBetween(expected[i] - 2, expected[i] + 400);
            }
        }
    }

    @Test
    void backoffDelaysDoubleAndResetAfterARunOfResetAfterWithAnInjectedClock() {
        MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
        try (RunningDaemon d = RunningDaemon.startRaw(dir, RunningDaemon.NO_ENDPOINTS + """
                services:
                  - name: sleeper
                    command: ["sleep", "60"]
                    backoff: { interval: 10ms, max: 1s, reset_after: 1h }
                """, clock, Map.of())) {
            List<Long> delays = new java.util.ArrayList<>();
            for (int crash = 1; crash <= 4; crash++) {
                d.awaitState("sleeper", ServiceState.RUNNING);
                if (crash == 4) {
                    clock.advance(Duration.ofHours(2));
                }
                d.daemon.supervisor().signal("sleeper", Signal.KILL);
                ServiceEvent scheduled = d.awaitEvents("sleeper", ServiceEvent.Type.RESTART_SCHEDULED, crash).get(crash - 1);
                delays.add(scheduled.nextRestartAt() - scheduled.timestamp());
                d.awaitEvents("sleeper", ServiceEvent.Type.RESTARTED, crash);
            }
            // interval * 2^(n-1): 10, 20, 40; then the run lasted 2 h > reset_after, so back to 10.
            assertThat(delays).containsExactly(10L, 20L, 40L, 10L);
        }
    }

    @Test
    void environmentEnvFileAndWorkingDirectoryReachTheService() throws Exception {
        Path work = Files.createDirectory(dir.resolve("work"));
        Files.writeString(dir.resolve("app.env"), "# settings\nFROM_FILE=file-value\nexport QUOTED=\"a b\"\nOVERRIDDEN=file\n");
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: envy
                    command: ["sh", "-c", "echo \\"$FROM_FILE|$QUOTED|$OVERRIDDEN|$PPM_SERVICE_NAME|$(pwd)\\""]
                    cwd: %s
                    env: { OVERRIDDEN: env }
                    env_file: app.env
                """.formatted(work))) {
            d.awaitState("envy", ServiceState.FINISHED);
            String out = d.awaitStdout(s -> s.contains("envy | "));
            assertThat(out).contains("envy | file-value|a b|env|envy|" + work);
        }
    }

    @Test
    void dependentsStartAfterTheirDependencies() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: app
                    command: ["sh", "-c", "test -f %1$s/migrated && sleep 60"]
                    restart: never
                    depends_on: { migrate: completed, db: started }
                  - name: db
                    command: ["sleep", "60"]
                  - name: migrate
                    command: ["sh", "-c", "sleep 0.3; touch %1$s/migrated"]
                    depends_on: [db]
                """.formatted(dir))) {
            ServiceInfo app = d.awaitState("app", ServiceState.RUNNING);
            ServiceInfo db = d.info("db");
            ServiceInfo migrate = d.awaitState("migrate", ServiceState.FINISHED);
            assertThat(db.startedAt()).isLessThanOrEqualTo(migrate.startedAt());
            assertThat(migrate.startedAt()).isLessThanOrEqualTo(app.startedAt());
        }
    }

    @Test
    void aLongChainOfDependenciesStartsInOrder() {
        StringBuilder yaml = new StringBuilder("services:\n");
        for (int i = 0; i < 400; i++) {
            yaml.append("  - name: link").append(i).append("\n    command: [\"sleep\", \"60\"]\n");
            if (i > 0) {
                yaml.append("    depends_on: [link").append(i - 1).append("]\n");
            }
        }
        try (RunningDaemon d = RunningDaemon.start(dir, yaml.toString())) {
            ServiceInfo last = d.awaitState("link399", ServiceState.RUNNING);
            assertThat(d.info("link0").startedAt()).isLessThanOrEqualTo(last.startedAt());
            assertThat(d.daemon.supervisor().services()).allMatch(s -> s.state() == ServiceState.RUNNING);
        }
    }

    @Test
    void aServiceWaitingForItsDependenciesSaysWhat() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: setup
                    command: ["sh", "-c", "exit 1"]
                    restart: never
                  - name: app
                    command: ["sleep", "60"]
                    depends_on: { setup: completed }
                """)) {
            d.awaitState("setup", ServiceState.CRASHED);
            ServiceInfo app = d.info("app");
            assertThat(app.state()).isEqualTo(ServiceState.CREATED);
            assertThat(app.reason()).isEqualTo("waiting for setup (completed)");
        }
    }

    @Test
    void reloadAppliesOnlyTheDifference() throws Exception {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: keep
                    command: ["sleep", "60"]
                  - name: change
                    command: ["sleep", "60"]
                  - name: drop
                    command: ["sleep", "60"]
                """)) {
            long keepPid = d.awaitState("keep", ServiceState.RUNNING).pid();
            long changePid = d.awaitState("change", ServiceState.RUNNING).pid();
            d.awaitState("drop", ServiceState.RUNNING);
            Files.writeString(d.configFile, RunningDaemon.NO_ENDPOINTS + """
                    services:
                      - name: keep
                        command: ["sleep", "60"]
                      - name: change
                        command: ["sleep", "61"]
                      - name: fresh
                        command: ["sleep", "60"]
                    """);
            d.daemon.reload();
            d.awaitService("change", s -> s.state() == ServiceState.RUNNING && s.pid() != changePid);
            d.awaitState("fresh", ServiceState.RUNNING);
            d.awaitEvents("drop", ServiceEvent.Type.REMOVED, 1);
            assertThat(d.daemon.supervisor().service("drop")).isEmpty();
            assertThat(d.info("keep").pid()).isEqualTo(keepPid);
            assertThat(d.info("change").command()).isEqualTo("sleep 61");
            assertThat(d.events("keep", ServiceEvent.Type.CHANGED)).isEmpty();
        }
    }

    @Test
    void aBrokenFileOnReloadChangesNothing() throws Exception {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: steady
                    command: ["sleep", "60"]
                """)) {
            long pid = d.awaitState("steady", ServiceState.RUNNING).pid();
            Files.writeString(d.configFile, "services:\n  - name: steady\n    comand: [sleep, 1]\n");
            assertThatThrownBy(d.daemon::reload).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("ppm.yml:3:5");
            assertThat(d.info("steady").pid()).isEqualTo(pid);
        }
    }

    @Test
    void unknownServicesAndBadRequestsAreRefusedWithoutChangingAnything() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: only
                    command: ["sleep", "60"]
                """)) {
            d.awaitState("only", ServiceState.RUNNING);
            assertThatThrownBy(() -> d.daemon.supervisor().stop("nope")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("unknown service 'nope'");
            assertThatThrownBy(() -> d.daemon.supervisor().add(io.partner.ppm.api.ServiceSpec.of("only", List.of("true"))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("service 'only' already exists");
            d.daemon.supervisor().stop("only");
            d.awaitState("only", ServiceState.FINISHED);
            assertThatThrownBy(() -> d.daemon.supervisor().signal("only", Signal.HUP)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("not running");
            assertThat(d.daemon.supervisor().services()).hasSize(1);
        }
    }

    @Test
    void removeStopsAndForgetsAService() {
        try (RunningDaemon d = RunningDaemon.start(dir, "services: []\n")) {
            d.daemon.supervisor().add(io.partner.ppm.api.ServiceSpec.of("temp", List.of("sleep", "60")));
            d.awaitState("temp", ServiceState.RUNNING);
            d.daemon.supervisor().remove("temp");
            d.awaitEvents("temp", ServiceEvent.Type.REMOVED, 1);
            assertThat(d.daemon.supervisor().services()).isEmpty();
        }
    }

    @Test
    void restartGivesANewProcess() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: bounce
                    command: ["sleep", "60"]
                """)) {
            long first = d.awaitState("bounce", ServiceState.RUNNING).pid();
            d.daemon.supervisor().restart("bounce");
            long second = d.awaitService("bounce", s -> s.state() == ServiceState.RUNNING && s.pid() != first).pid();
            assertThat(second).isNotEqualTo(first);
            assertThat(ProcessHandle.of(first)).isEmpty();
        }
    }
}
