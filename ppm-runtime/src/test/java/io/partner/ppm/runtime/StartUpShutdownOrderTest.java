package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A shutdown asked for while the daemon starts waits for start-up to be over, then runs to the end. */
class StartUpShutdownOrderTest {

    @TempDir
    Path dir;

    /**
     * The main command ends before start-up has scheduled its last tasks: the daemon used to close
     * its timer under start-up's feet ("cannot start: Task ... rejected") and exit 1 instead of N.
     */
    @Test
    void aMainCommandThatEndsAtOnceAlwaysGivesItsExitCode() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), RunningDaemon.NO_ENDPOINTS);
        List<String> wrong = new ArrayList<>();
        for (int run = 0; run < 20; run++) {
            int code = (run * 37 + 5) % 256;
            SyncBuffer out = new SyncBuffer();
            SyncBuffer err = new SyncBuffer();
            DaemonOptions options = new DaemonOptions(config, List.of("sh", "-c", "exit " + code),
                    Map.of("PATH", System.getenv("PATH"), "PPM_RUNTIME_FILE", dir.resolve("daemon.json").toString()),
                    dir, dir, null, out, err, false, Clock.systemUTC());
            int exit = Daemon.start(options).exitCode().get(20, TimeUnit.SECONDS);
            if (exit != code) {
                wrong.add("wanted " + code + ", got " + exit + ": " + err.text());
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void aShutdownDuringStartUpIsBegunWhenStartUpIsOverWithTheFirstCode() {
        Lifecycle lifecycle = new Lifecycle();

        assertThat(lifecycle.requestShutdown(51)).as("begin now?").isFalse();
        assertThat(lifecycle.requestShutdown(0)).as("a second request").isFalse();
        assertThat(lifecycle.stopping()).isTrue();

        assertThat(lifecycle.started()).isEqualTo(new Lifecycle.Due(51, false));
        assertThat(lifecycle.requestShutdown(3)).as("after start-up, once stopping").isFalse();
    }

    @Test
    void aShutdownAfterStartUpBeginsAtOnce() {
        Lifecycle lifecycle = new Lifecycle();
        assertThat(lifecycle.started()).isEqualTo(new Lifecycle.Due(null, false));

        assertThat(lifecycle.requestShutdown(0)).isTrue();
        assertThat(lifecycle.requestShutdown(0)).isFalse();
    }

    @Test
    void aReloadDuringStartUpIsDoneWhenStartUpIsOverUnlessTheDaemonIsStopping() {
        Lifecycle reloading = new Lifecycle();
        assertThat(reloading.requestReload()).isFalse();
        assertThat(reloading.started()).isEqualTo(new Lifecycle.Due(null, true));
        assertThat(reloading.requestReload()).isTrue();

        Lifecycle stopping = new Lifecycle();
        stopping.requestReload();
        stopping.requestShutdown(0);
        assertThat(stopping.started()).isEqualTo(new Lifecycle.Due(0, false));
    }
}
