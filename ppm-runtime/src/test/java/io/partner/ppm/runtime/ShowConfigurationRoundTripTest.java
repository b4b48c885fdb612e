package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ppm show-configuration > file}, then a new daemon on that file, gives the same services. */
class ShowConfigurationRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void theEffectiveConfigurationFedToANewDaemonGivesTheSameServices() throws Exception {
        String yaml;
        List<ServiceSpec> before;
        try (RunningDaemon first = RunningDaemon.start(Files.createDirectory(dir.resolve("first")), """
                defaults:
                  backoff: { interval: 250ms, max: 10s }
                services:
                  - name: web
                    command: "sleep 100"
                    env: { MODE: "production", PORT: "8080" }
                    stop_timeout: 2s
                  - name: worker
                    command: ["sleep", "101"]
                    depends_on: { web: started }
                    restart: always
                """)) {
            first.daemon.supervisor().add(first.daemon.parseService("""
                    { "name": "added", "command": ["sleep", "102"], "env": { "K": "v w" }, "autostart": false }
                    """));
            first.awaitState("worker", ServiceState.RUNNING);
            yaml = first.daemon.configurationYaml();
            before = first.daemon.supervisor().services().stream().map(s -> first.daemon.supervisor().spec(s.name()).orElseThrow()).toList();
        }
        Path second = Files.createDirectory(dir.resolve("second"));
        try (RunningDaemon copy = RunningDaemon.startRaw(second, yaml, Clock.systemUTC(), Map.of())) {
            List<ServiceSpec> after = copy.daemon.supervisor().services().stream().map(s -> copy.daemon.supervisor().spec(s.name()).orElseThrow()).toList();
            assertThat(after).containsExactlyElementsOf(before);
            assertThat(copy.daemon.configurationYaml()).isEqualTo(yaml);
            copy.awaitState("worker", ServiceState.RUNNING);
            assertThat(copy.info("added").state()).isEqualTo(ServiceState.CREATED);
        }
    }
}
