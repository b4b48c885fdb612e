package io.partner.ppm.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Resource figures through a real daemon: per service tree, the daemon itself, the container, history. */
class DaemonStatsTest {

    @TempDir
    Path dir;

    @Test
    void servicesTheDaemonAndTheContainerAreSampled() {
        try (RunningDaemon d = RunningDaemon.start(dir, """
                services:
                  - name: family
                    command: "sleep 60 & sleep 61 & wait"
                """)) {
            d.awaitState("family", ServiceState.RUNNING);
            d.daemon.sampleNow();
            d.daemon.sampleNow();
            ServiceInfo family = d.awaitService("family", s -> s.stats().processes() == 3);
            assertThat(family.stats().rssBytes()).isPositive();
            assertThat(family.stats().threads()).isGreaterThanOrEqualTo(3);
            assertThat(family.stats().sampledAt()).isPositive();

            assertThat(d.daemon.daemonStats().rssBytes()).isGreaterThan(10L << 20);
            assertThat(d.daemon.daemonStats().threads()).isPositive();
            assertThat(d.daemon.containerStats()).isNotNull();
            assertThat(d.daemon.containerStats().hostMemoryTotalBytes()).isPositive();

            assertThat(d.daemon.history("family").rssBytes()).hasSizeGreaterThanOrEqualTo(2);
            assertThatThrownBy(() -> d.daemon.history("nope")).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
