package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.runtime.config.ConfigExtensions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginHostTest {

    private static final Duration WATCH_PERIOD = Duration.ofMillis(100);
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
    }

    @AfterEach
    void tearDown() {
        if (host != null) {
            host.close();
        }
        timer.shutdownNow();
        daemon.close();
    }

    private PluginHost host(String... disabled) {
        host = new PluginHost(pluginsDir, List.of(disabled));
        return host;
    }

    private static ServiceEvent event(ServiceEvent.Type type, String service) {
        return new ServiceEvent(type, service, ServiceState.RUNNING, ServiceState.CRASHED, ExitStatus.exited(1), 0, 0,
                "test", System.currentTimeMillis());
    }

    private static RestartContext crash(int restarts) {
        return new RestartContext(ServiceSpec.of("web", List.of("true")), ServiceState.CRASHED, ExitStatus.exited(1),
                restarts, Instant.now());
    }

    @Test
    void pluginJarIsLoadedWithEveryKindOfExtension() throws IOException {
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host().loadAll();

        assertThat(host.plugins()).singleElement().satisfies(p -> {
            assertThat(p.id()).isEqualTo("probe");
            assertThat(p.version()).isEqualTo("1.0.0");
            assertThat(p.state()).isEqualTo("STARTED");
            assertThat(p.extensions()).containsExactly("probe.Probe");
            assertThat(p.error()).isNull();
            assertThat(p.path()).endsWith("probe.jar");
        });
        assertThat(host.restartPolicy("probe")).get()
                .satisfies(policy -> assertThat(policy.decide(crash(0))).isEqualTo(RestartDecision.restartAfter(Duration.ofSeconds(1))));
        assertThat(host.restartPolicy("window")).isEmpty();
        assertThat(host.eventListeners()).hasSize(1);

        host.startExtensions(daemon);
        assertThat(daemon.detail("probe", "started")).isEqualTo("1");
        host.eventListeners().getFirst().onEvent(event(ServiceEvent.Type.CRASHED, "web"));
        await().atMost(DEADLINE).until(() -> "CRASHED web".equals(daemon.detail("probe", "listener_saw")));
    }

    @Test
    void configExtensionsCarryThePluginKeysSectionsAndPolicyNames() throws IOException {
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host().loadAll();

        ConfigExtensions extensions = host.configExtensions();

        assertThat(extensions.restartPolicies()).containsExactly("probe");
        assertThat(extensions.contributions()).singleElement().satisfies(c -> {
            assertThat(c.serviceKeys()).containsExactly("probe_key");
            assertThat(c.sections()).containsExactly("probe");
        });
        ConfigContribution probe = extensions.contributions().getFirst();
        probe.validateServiceKey("web", "probe_key", "fine");
        assertThatThrownBy(() -> probe.validateServiceKey("web", "probe_key", 42))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("expected a string");
        boolean someoneOwnsUnknownKey = extensions.contributions().stream().anyMatch(c -> c.serviceKeys().contains("probe_kee"));
        assertThat(someoneOwnsUnknownKey).isFalse();
    }

    @Test
    void sectionsReachThePluginAndPluginsLoadedLater() throws IOException {
        host().loadAll();
        host.startExtensions(daemon);
        host.configure(Map.of("probe", "hello", "other", "ignored"));

        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host.rescan();
        host.rescan();

        assertThat(daemon.detail("probe", "started")).isEqualTo("1");
        host.configure(Map.of("probe", "again"));
        assertThat(daemon.detail("probe", "configured")).isEqualTo("again");
    }

    @Test
    void corruptJarIsFailedWithItsErrorAndTheOthersStillLoad() throws IOException {
        Files.write(pluginsDir.resolve("aaa-corrupt.jar"), "this is not a zip file".getBytes());
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);

        host().loadAll();

        assertThat(host.plugins()).extracting(PluginInfo::id, PluginInfo::state)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("aaa-corrupt", "FAILED"),
                        org.assertj.core.groups.Tuple.tuple("probe", "STARTED"));
        assertThat(host.plugins().getFirst().error()).startsWith("not a plugin jar");
        assertThat(host.restartPolicy("probe")).isPresent();
    }

    @Test
    void jarWithoutDescriptorIsFailed() throws IOException {
        try (var out = new java.util.jar.JarOutputStream(Files.newOutputStream(pluginsDir.resolve("plain.jar")))) {
            out.putNextEntry(new java.util.jar.JarEntry("readme.txt"));
            out.write("no manifest".getBytes());
        }
        host().loadAll();

        assertThat(host.plugins()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("FAILED");
            assertThat(p.error()).isEqualTo("not a plugin jar: no META-INF/MANIFEST.MF");
        });
    }

    @Test
    void pluginThatThrowsOnStartIsFailedWithTheReason() throws IOException {
        TestPlugins.failingOnStart(scratch, pluginsDir.resolve("grumpy.jar"));
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host().loadAll();

        assertThat(host.plugins()).filteredOn(p -> p.id().equals("grumpy")).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("FAILED");
            assertThat(p.error()).contains("grumpy refuses to start");
        });
        assertThat(host.plugins()).filteredOn(p -> p.id().equals("probe")).singleElement()
                .extracting(PluginInfo::state).isEqualTo("STARTED");
    }

    @Test
    void daemonExtensionThatThrowsOnStartFailsItsPluginAndWithdrawsItsExtensions() throws IOException {
        TestPlugins.failingDaemonExtension(scratch, pluginsDir.resolve("sulky.jar"));
        host().loadAll();
        assertThat(host.restartPolicy("sulky")).isPresent();

        host.startExtensions(daemon);

        assertThat(host.plugins()).singleElement().satisfies(p -> {
            assertThat(p.state()).isEqualTo("FAILED");
            assertThat(p.error()).contains("no timer for sulky");
        });
        assertThat(host.restartPolicy("sulky")).isEmpty();
    }

    @Test
    void disabledPluginIsListedButContributesNothing() throws IOException {
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host("probe").loadAll();
        host.startExtensions(daemon);

        assertThat(host.plugins()).singleElement().extracting(PluginInfo::state).isEqualTo("DISABLED");
        assertThat(host.restartPolicy("probe")).isEmpty();
        assertThat(host.eventListeners()).isEmpty();
        assertThat(host.configExtensions().contributions()).isEmpty();
        assertThat(daemon.detail("probe", "started")).isNull();
    }

    @Test
    void jarDroppedInWhileRunningIsLoadedAndRemovedJarIsUnloaded() throws IOException {
        host().loadAll();
        host.startExtensions(daemon);
        host.watch(timer, WATCH_PERIOD);
        assertThat(host.plugins()).isEmpty();

        Path jar = TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);

        await().atMost(DEADLINE).until(() -> !host.plugins().isEmpty());
        assertThat(daemon.detail("probe", "started")).isEqualTo("1");
        assertThat(host.plugins()).singleElement().extracting(PluginInfo::state).isEqualTo("STARTED");
        assertThat(host.restartPolicy("probe")).isPresent();
        assertThat(host.eventListeners()).hasSize(1);
        assertThat(daemon.subscribers).hasSize(1);

        Files.delete(jar);

        await().atMost(DEADLINE).until(() -> host.plugins().isEmpty());
        assertThat(daemon.reported("probe", "stopped")).isEqualTo("1");
        assertThat(host.restartPolicy("probe")).isEmpty();
        assertThat(host.eventListeners()).isEmpty();
        assertThat(daemon.subscribers).as("the subscription the plugin left open is closed").isEmpty();
    }

    @Test
    void replacedJarIsReloadedWithTheNewVersion() throws IOException {
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host().loadAll();
        host.startExtensions(daemon);
        host.watch(timer, WATCH_PERIOD);

        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 2);

        await().atMost(DEADLINE).until(() -> host.plugins().size() == 1 && host.plugins().getFirst().version().equals("2.0.0"));
        assertThat(daemon.detail("probe", "started")).isEqualTo("2");
        assertThat(daemon.reported("probe", "stopped")).isEqualTo("1");
        assertThat(host.restartPolicy("probe").orElseThrow().decide(crash(0)).delay()).isEqualTo(Duration.ofSeconds(2));
        assertThat(host.eventListeners()).hasSize(1);
    }

    @Test
    void jarStillBeingCopiedIsNotLoadedUntilItSettles() throws IOException {
        host().loadAll();
        Path whole = TestPlugins.probe(scratch, scratch.resolve("probe.jar"), 1);
        byte[] bytes = Files.readAllBytes(whole);
        Path partial = pluginsDir.resolve("probe.jar");
        Files.write(partial, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        host.rescan();
        assertThat(host.plugins()).as("first sight: waits for the copy to finish").isEmpty();

        Files.write(partial, bytes);
        host.rescan();
        assertThat(host.plugins()).as("changed since the last look: still waits").isEmpty();
        host.rescan();
        assertThat(host.plugins()).singleElement().extracting(PluginInfo::state).isEqualTo("STARTED");
    }

    @Test
    void failingListenerAndPolicyAreContained() throws IOException {
        TestPlugins.throwingExtensions(scratch, pluginsDir.resolve("broken.jar"));
        host().loadAll();

        RestartDecision decision = host.restartPolicy("broken").orElseThrow().decide(crash(2));

        assertThat(decision).as("on-failure's third delay").isEqualTo(RestartDecision.restartAfter(Duration.ofSeconds(4)));
        await().atMost(DEADLINE).until(() -> host.plugins().getFirst().state().equals("FAILED"));
        assertThat(host.plugins().getFirst().error())
                .isEqualTo("failed while running: restart policy 'broken' deciding for web failed: policy bug");
        assertThat(host.restartPolicy("broken")).isEmpty();
        assertThat(host.eventListeners()).isEmpty();
    }

    @Test
    void closeStopsExtensionsAndUnloadsEverything() throws IOException {
        TestPlugins.probe(scratch, pluginsDir.resolve("probe.jar"), 1);
        host().loadAll();
        host.startExtensions(daemon);

        host.close();

        assertThat(daemon.reported("probe", "stopped")).isEqualTo("1");
        assertThat(host.plugins()).isEmpty();
        assertThat(host.eventListeners()).isEmpty();
        assertThat(daemon.subscribers).isEmpty();
    }

    @Test
    void missingPluginFolderMeansNoPluginsUntilItAppears() throws IOException {
        host = new PluginHost(scratch.resolve("not-yet"), List.of());
        host.loadAll();
        assertThat(host.plugins()).isEmpty();

        Files.createDirectory(scratch.resolve("not-yet"));
        TestPlugins.probe(scratch, scratch.resolve("not-yet").resolve("probe.jar"), 1);
        host.rescan();
        host.rescan();

        assertThat(host.plugins()).singleElement().extracting(PluginInfo::id).isEqualTo("probe");
    }
}
