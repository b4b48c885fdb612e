package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.Signal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A child's pipe watched by the poller: reported once per arming, read without waiting, closed once. */
class ReadinessPollerTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    private static ChildProcesses processes;
    private static ReadinessPoller poller;

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        processes = ChildProcesses.open();
        poller = new ReadinessPoller("ppm-test-poller");
    }

    @AfterAll
    static void close() {
        processes.close();
    }

    @Test
    void aWatchedPipeIsReportedWhenDataArrivesAndAgainAtEndOfFile() throws Exception {
        Path go = dir.resolve("go");
        String script = "while [ ! -e \"$0\" ]; do sleep 0.05; done; echo first; sleep 0.2; echo second";
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("sh", "-c", script, go.toString()), ENV), e -> { });
        child.stderr().close();
        Semaphore reported = new Semaphore(0);
        ReadinessPoller.Watch watch = poller.watch(child.stdout(), reported::release);
        byte[] buffer = new byte[64];

        assertThat(child.stdout().readAvailable(buffer, 0, buffer.length)).as("an empty pipe does not wait").isZero();
        watch.arm();
        Files.createFile(go);
        StringBuilder text = new StringBuilder();
        boolean ended = false;
        while (!ended) {
            assertThat(reported.tryAcquire(20, TimeUnit.SECONDS)).as("reported readable").isTrue();
            for (int read = child.stdout().readAvailable(buffer, 0, buffer.length); read != 0;
                    read = child.stdout().readAvailable(buffer, 0, buffer.length)) {
                if (read < 0) {
                    ended = true;
                    break;
                }
                text.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            if (!ended) {
                watch.arm();
            }
        }
        watch.close();

        assertThat(text).hasToString("first\nsecond\n");
        assertThat(child.stdout().fd()).as("closed with the watch").isEqualTo(-1);
        assertThatThrownBy(() -> child.stdout().readAvailable(buffer, 0, 1)).isInstanceOf(IOException.class);
        assertThatThrownBy(watch::arm).isInstanceOf(IllegalStateException.class);
        processes.signalGroup(child.pid(), Signal.KILL.number());
    }
}
