package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plugin cannot hold the host hostage or end the daemon: it blocks, throws errors, or calls exit. */
class PluginIsolationTest {

    private static final PluginDeadlines SHORT = new PluginDeadlines(Duration.ofMillis(500), Duration.ofMillis(500),
            Duration.ofMillis(100));
    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path scratch;
    Path pluginsDir;
    RecordingSupervisorContext daemon;
    ScheduledExecutorService timer;
    PluginHost host;

    @BeforeEach
    void setUp() throws IOException {
        pluginsDir = Files.createDirectory(scratch.resolve("plugins"));
        daemon = new RecordingSupervisorContext();
        timer = Executors.newSingleThreadScheduledExecutor();
        host = new PluginHost(pluginsDir, List.of(), SHORT);
    }

    @AfterEach
    void tearDown() {
        host.close(Duration.ofMillis(500));
        timer.shutdownNow();
        daemon.close();
    }

    private PluginInfo plugin(String id) {
        return host.plugins().stream().filter(p -> p.id().equals(id)).findFirst()
                .orElseThrow(() -> new AssertionError("no plugin " + id + " in " + host.plugins()));
    }

    private static RestartContext crash(int restarts) {
        return new RestartContext(ServiceSpec.of("web", List.of("true")), ServiceState.CRASHED, ExitStatus.exited(1),
                restarts, Instant.now());
    }

    private static ServiceEvent event(String service) {
        return new ServiceEvent(ServiceEvent.Type.CRASHED, service, ServiceState.RUNNING, ServiceState.CRASHED,
                ExitStatus.exited(1), 0, 0, "test", System.currentTimeMillis());
    }

    // ---------------------------------------------------------------- 1. a plugin that never returns

    @Test
    void pluginWhoseStartNeverReturnsIsFailedAndTheOthersLoad() throws IOException {
        HostilePlugins.neverStarts(scratch, pluginsDir.resolve("aaa-stuck.jar"));
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);

        long began = System.nanoTime();
        host.loadAll();

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(5));
        assertThat(plugin("stuck").state()).isEqualTo("FAILED");
        assertThat(plugin("stuck").error()).isEqualTo("loading and starting the plugin did not return within 500 ms");
        assertThat(plugin("probe").state()).isEqualTo("STARTED");
        assertThat(Thread.getAllStackTraces().keySet()).as("the stuck thread is left behind, not joined")
                .anyMatch(t -> t.getName().equals("ppm-plugin-stuck"));
    }

    @Test
    void pluginListIsReadWithoutWaitingForAPluginBeingLoaded() throws Exception {
        host.loadAll();
        HostilePlugins.neverStarts(scratch, pluginsDir.resolve("stuck.jar"));
        host.rescan();
        Thread loading = Thread.ofPlatform().start(host::rescan);
        await().atMost(DEADLINE).until(() -> loading.getState() == Thread.State.TIMED_WAITING);

        assertThat(host.plugins()).as("answered while the stuck start is being waited for").isEmpty();
        assertThat(host.configExtensions().contributions()).isEmpty();
        loading.join();
        assertThat(plugin("stuck").state()).isEqualTo("FAILED");
    }

    @Test
    void daemonExtensionWhoseStartNeverReturnsFailsItsPlugin() throws IOException {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "extension-start");
        host.loadAll();

        host.startExtensions(daemon);

        assertThat(plugin("sticky").state()).isEqualTo("FAILED");
        assertThat(plugin("sticky").error()).isEqualTo("daemon extension sticky.Sticky start() did not return within 500 ms");
        assertThat(host.restartPolicy("sticky")).isEmpty();
        assertThat(host.eventListeners()).isEmpty();
    }

    @Test
    void listenerThatNeverReturnsFailsItsPluginWithoutHoldingUpTheCaller() throws IOException {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "listener");
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host.loadAll();
        host.startExtensions(daemon);

        long began = System.nanoTime();
        for (var listener : host.eventListeners()) {
            listener.onEvent(event("web"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("delivery does not wait").isLessThan(Duration.ofMillis(400));

        await().atMost(DEADLINE).until(() -> plugin("sticky").state().equals("FAILED"));
        assertThat(plugin("sticky").error())
                .isEqualTo("failed while running: event listener sticky.Sticky on CRASHED of web did not return within 500 ms");
        await().atMost(DEADLINE).until(() -> "CRASHED web".equals(daemon.detail("probe", "listener_saw")));
        assertThat(plugin("probe").state()).isEqualTo("STARTED");
    }

    @Test
    void restartPolicyThatNeverReturnsFallsBackToOnFailureWithinItsDeadline() throws IOException {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "policy");
        host.loadAll();
        var policy = host.restartPolicy("sticky").orElseThrow();

        long began = System.nanoTime();
        RestartDecision decision = policy.decide(crash(0));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        assertThat(decision).as("on-failure's first delay").isEqualTo(RestartDecision.restartAfter(Duration.ofSeconds(1)));
        await().atMost(DEADLINE).until(() -> plugin("sticky").state().equals("FAILED"));
        assertThat(plugin("sticky").error())
                .isEqualTo("failed while running: restart policy 'sticky' deciding for web did not return within 100 ms");
        assertThat(policy.decide(crash(1))).as("later decisions do not wait for the dead plugin")
                .isEqualTo(RestartDecision.restartAfter(Duration.ofSeconds(2)));
    }

    @Test
    void configurationCheckThatNeverReturnsRefusesTheValueAndFailsThePlugin() throws IOException {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "validate");
        host.loadAll();
        var contribution = host.configExtensions().contributions().getFirst();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> contribution.validateServiceKey("web", "sticky_key", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("plugin sticky could not check it: validateServiceKey(sticky_key) did not return within 500 ms");
        await().atMost(DEADLINE).until(() -> plugin("sticky").state().equals("FAILED"));
        assertThat(host.configExtensions().contributions()).isEmpty();
    }

    @Test
    void closingDoesNotWaitForAPluginPastTheBudget() throws IOException {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "extension-stop");
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host.loadAll();
        host.startExtensions(daemon);

        long began = System.nanoTime();
        host.close(Duration.ofMillis(300));

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(2));
        assertThat(host.plugins()).isEmpty();
    }

    // ---------------------------------------------------------------- issue 9.4: any Throwable

    @Test
    void errorFromStartFailsOnlyThatPlugin() throws IOException {
        HostilePlugins.errorOnStart(scratch, pluginsDir.resolve("fragile.jar"));
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);

        host.loadAll();

        assertThat(plugin("fragile").state()).isEqualTo("FAILED");
        assertThat(plugin("fragile").error()).isEqualTo("AssertionError: fragile breaks");
        assertThat(plugin("probe").state()).isEqualTo("STARTED");
    }

    @Test
    void errorFromListenerFailsItsPlugin() throws IOException {
        HostilePlugins.blocking(scratch, pluginsDir.resolve("sticky.jar"), "listener-error");
        host.loadAll();

        host.eventListeners().getFirst().onEvent(event("web"));

        await().atMost(DEADLINE).until(() -> plugin("sticky").state().equals("FAILED"));
        assertThat(plugin("sticky").error()).isEqualTo(
                "failed while running: event listener sticky.Sticky on CRASHED of web failed: StackOverflowError: sticky listener overflows");
        assertThat(PluginChangeReport.describe(plugin("sticky"))).isEqualTo("plugin sticky 1.0.0 (" + plugin("sticky").path()
                + ") failed while running: event listener sticky.Sticky on CRASHED of web failed: StackOverflowError: sticky listener overflows");
    }

    // ---------------------------------------------------------------- 2. a plugin that exits

    @Test
    void jarsThatCouldEndTheDaemonOrStartProcessesAreRefusedByClass() throws IOException {
        HostilePlugins.exitsOnStart(scratch, pluginsDir.resolve("quitter.jar"));
        HostilePlugins.haltsOnStop(scratch, pluginsDir.resolve("halter.jar"));
        HostilePlugins.usesProcessBuilder(scratch, pluginsDir.resolve("forker.jar"));
        HostilePlugins.usesRuntimeExec(scratch, pluginsDir.resolve("execer.jar"));
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);

        host.loadAll();

        assertThat(host.plugins()).extracting(PluginInfo::id, PluginInfo::state, PluginInfo::error).containsExactly(
                org.assertj.core.groups.Tuple.tuple("execer", "FAILED",
                        "refused: class execer.Helper calls Runtime.exec, which a plugin must not do (see docs/plugins.md)"),
                org.assertj.core.groups.Tuple.tuple("forker", "FAILED",
                        "refused: class forker.Forker uses java.lang.ProcessBuilder, which a plugin must not do (see docs/plugins.md)"),
                org.assertj.core.groups.Tuple.tuple("halter", "FAILED",
                        "refused: class halter.Halter calls Runtime.halt, which a plugin must not do (see docs/plugins.md)"),
                org.assertj.core.groups.Tuple.tuple("probe", "STARTED", null),
                org.assertj.core.groups.Tuple.tuple("quitter", "FAILED",
                        "refused: class quitter.QuitterPlugin calls System.exit, which a plugin must not do (see docs/plugins.md)"));
    }

    // ---------------------------------------------------------------- 7. a jar dropped in right after start-up

    @Test
    void jarDroppedInBetweenTheFirstLookAndTheWatchIsLoadedWithinTheUsualDelay() throws IOException {
        host.loadAll();
        host.startExtensions(daemon);
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);

        host.watch(timer, Duration.ofMillis(100));

        await().atMost(Duration.ofSeconds(2)).until(() -> host.plugins().stream()
                .anyMatch(p -> p.id().equals("probe") && p.state().equals("STARTED")));
        assertThat(daemon.detail("probe", "started")).isEqualTo("1");
    }
}
