package io.partner.ppm.runtime;

import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real daemon started in the test's JVM on a configuration file, with its endpoints off, its output
 * captured and every event recorded.
 */
public final class RunningDaemon implements AutoCloseable {

    /** The daemon section every test configuration starts with: no network endpoints. */
    public static final String NO_ENDPOINTS = """
            daemon:
              jmx: { enabled: false }
              jolokia: { enabled: false }
              shutdown: { timeout: 5s }
            """;

    public static final Duration DEADLINE = Duration.ofSeconds(20);

    public final Daemon daemon;
    public final SyncBuffer stdout;
    public final SyncBuffer stderr;
    public final Path configFile;
    private final List<ServiceEvent> events;

    private RunningDaemon(Daemon daemon, SyncBuffer stdout, SyncBuffer stderr, Path configFile,
                          List<ServiceEvent> events) {
        this.events = events;
        this.daemon = daemon;
        this.stdout = stdout;
        this.stderr = stderr;
        this.configFile = configFile;
    }

    /** Starts a daemon on {@code NO_ENDPOINTS} followed by {@code yaml} (a {@code services:} section and more). */
    public static RunningDaemon start(Path dir, String yaml) {
        return startRaw(dir, NO_ENDPOINTS + yaml, Clock.systemUTC(), Map.of());
    }

    /** Starts a daemon with its JMX and Jolokia endpoints on free loopback ports, then {@code yaml}. */
    public static RunningDaemon startWithEndpoints(Path dir, String yaml) {
        return startRaw(dir, """
                daemon:
                  jmx: { enabled: true, host: 127.0.0.1, port: %d }
                  jolokia: { enabled: true, host: 127.0.0.1, port: %d }
                  shutdown: { timeout: 5s }
                """.formatted(freePort(), freePort()) + yaml, Clock.systemUTC(), Map.of());
    }

    private static int freePort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RunningDaemon startRaw(Path dir, String fullYaml, Clock clock, Map<String, String> extraEnv) {
        try {
            Path config = dir.resolve("ppm.yml");
            Files.writeString(config, fullYaml);
            SyncBuffer out = new SyncBuffer();
            SyncBuffer err = new SyncBuffer();
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("PPM_RUNTIME_FILE", dir.resolve("daemon.json").toString());
            env.putAll(extraEnv);
            DaemonOptions options = new DaemonOptions(config, List.of(), env, dir, dir, null, out, err, false, clock);
            List<ServiceEvent> events = new CopyOnWriteArrayList<>();
            Daemon daemon = Daemon.start(options, List.of(events::add));
            return new RunningDaemon(daemon, out, err, config, events);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public ServiceInfo info(String name) {
        return daemon.supervisor().service(name).orElseThrow(() -> new AssertionError("no service " + name));
    }

    /** Waits until the service satisfies {@code condition} and returns it. */
    public ServiceInfo awaitService(String name, Predicate<ServiceInfo> condition) {
        ServiceInfo[] last = new ServiceInfo[1];
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> {
            last[0] = daemon.supervisor().service(name).orElse(null);
            return last[0] != null && condition.test(last[0]);
        });
        return last[0];
    }

    public ServiceInfo awaitState(String name, ServiceState state) {
        return awaitService(name, s -> s.state() == state);
    }

    /** Waits until {@code count} events of {@code type} for the service have been seen, and returns them. */
    public List<ServiceEvent> awaitEvents(String name, ServiceEvent.Type type, int count) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(5)).until(() -> events(name, type).size() >= count);
        return events(name, type);
    }

    public List<ServiceEvent> events(String name, ServiceEvent.Type type) {
        List<ServiceEvent> matching = new ArrayList<>();
        for (ServiceEvent event : events) {
            if (event.service().equals(name) && event.type() == type) {
                matching.add(event);
            }
        }
        return matching;
    }

    public List<ServiceEvent> events() {
        return List.copyOf(events);
    }

    /** Waits until the captured stdout satisfies {@code condition}. */
    public String awaitStdout(Predicate<String> condition) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(10)).until(() -> condition.test(stdout.text()));
        return stdout.text();
    }

    @Override
    public void close() {
        daemon.shutdown();
        try {
            daemon.exitCode().get(DEADLINE.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("daemon did not shut down", e);
        }
    }
}
