package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.Signal;
import io.partner.ppm.runtime.config.LogConfig;
import io.partner.ppm.runtime.process.ChildProcess;
import io.partner.ppm.runtime.process.ChildProcesses;
import io.partner.ppm.runtime.process.SpawnRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The relay fed by the daemon's own pipes, as services are started: watched by the poller, no thread per stream. */
class LogRelayPipeTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    private static ChildProcesses processes;

    private final List<Long> started = new ArrayList<>();

    @BeforeAll
    static void open() {
        processes = ChildProcesses.open();
    }

    @AfterAll
    static void close() {
        processes.close();
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(pid -> processes.signalGroup(pid, Signal.KILL.number()));
    }

    @Test
    void hundredThousandLinesOfAServiceThatExitsAtOnceAreAllRelayedInOrder() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            spawn(harness, "counter", "seq", "1", "100000");
            harness.drain();

            List<String> expected = IntStream.rangeClosed(1, 100_000).mapToObj(i -> "counter | " + i).toList();
            assertThat(harness.stdoutLines()).isEqualTo(expected);
        }
    }

    @Test
    void tenServicesWritingAtOnceKeepEachLineWholeAndInOrder() throws Exception {
        int services = 10;
        int linesEach = 20_000;
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            for (int s = 0; s < services; s++) {
                String script = "awk 'BEGIN { for (i = 1; i <= " + linesEach + "; i++) {"
                        + " pad = \"\"; for (k = 0; k < (i * 7) % 290; k++) pad = pad \"x\";"
                        + " printf \"%d %s\\n\", i, pad } }'";
                spawn(harness, "svc" + s, "sh", "-c", script);
            }
            harness.drain();

            Map<String, Integer> lastSeen = new HashMap<>();
            for (String line : harness.stdoutLines()) {
                String[] parts = line.split(" ", 4);
                assertThat(parts).as(line).hasSize(4);
                int number = Integer.parseInt(parts[2]);
                assertThat(parts[3]).as(line).hasSize((number * 7) % 290).matches("x*");
                Integer previous = lastSeen.put(parts[0], number);
                assertThat(number).as(line).isEqualTo(previous == null ? 1 : previous + 1);
            }
            assertThat(lastSeen).hasSize(services).allSatisfy((service, last) -> assertThat(last).isEqualTo(linesEach));
        }
    }

    @Test
    void aLineOfOneMebibyteArrivesInPiecesOfAtMostMaxLinePiece() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            spawn(harness, "big", "sh", "-c", "head -c 1048576 /dev/zero | tr '\\0' 'y'; echo; echo after");
            harness.drain();

            List<String> lines = harness.stdoutLines();
            assertThat(lines).last().isEqualTo("big | after");
            List<String> pieces = lines.subList(0, lines.size() - 1);
            assertThat(pieces).hasSize(1024 * 1024 / LogRelay.MAX_LINE_PIECE)
                    .allSatisfy(piece -> assertThat(piece).isEqualTo("big | " + "y".repeat(LogRelay.MAX_LINE_PIECE)));
        }
    }

    @Test
    void aQuietServiceIsRelayedPromptlyWhileAnotherWritesWithoutPause() throws Exception {
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            ChildProcess chatty = spawn(harness, "chatty", "yes", "chatter");
            ChildProcess quiet = spawn(harness, "quiet", "sh", "-c", "sleep 0.3; echo hello; exec sleep 1000");

            await().atMost(Duration.ofSeconds(20)).until(() -> harness.relay.tail("quiet", 1).size() == 1);
            assertThat(harness.relay.tail("quiet", 1).getFirst().text()).isEqualTo("hello");
            assertThat(harness.relay.tail("chatty", 1).getFirst().text()).isEqualTo("chatter");

            processes.signalGroup(chatty.pid(), Signal.KILL.number());
            processes.signalGroup(quiet.pid(), Signal.KILL.number());
            harness.drain();
        }
    }

    @Test
    void idleServicesCostNoThreadAndTheirPipesAreClosedOnceTheyEnd() throws Exception {
        long pipesBefore = openPipes();
        int threadsBefore = Thread.activeCount();
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 1000)) {
            List<ChildProcess> idle = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                idle.add(spawn(harness, "idle" + i, "sh", "-c", "echo up; exec sleep 1000"));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> harness.stdoutLines().size() == 20);

            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .noneMatch(name -> name.startsWith("ppm-log-"));
            assertThat(Thread.activeCount()).as("threads for 40 idle streams")
                    .isLessThanOrEqualTo(threadsBefore + 3);
            assertThat(openPipes()).isEqualTo(pipesBefore + 40);

            idle.forEach(child -> processes.signalGroup(child.pid(), Signal.TERM.number()));
            harness.drain();
            assertThat(openPipes()).isEqualTo(pipesBefore);
        }
    }

    private ChildProcess spawn(RelayHarness harness, String service, String... argv) throws Exception {
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of(argv), ENV), event -> { });
        started.add(child.pid());
        harness.relay.attach(service, child.stdout(), child.stderr());
        return child;
    }

    private static long openPipes() {
        try (Stream<Path> entries = Files.list(Path.of("/proc/self/fd"))) {
            return entries.filter(fd -> {
                try {
                    return Files.readSymbolicLink(fd).toString().startsWith("pipe:");
                } catch (IOException e) {
                    return false; // closed while listing
                }
            }).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
