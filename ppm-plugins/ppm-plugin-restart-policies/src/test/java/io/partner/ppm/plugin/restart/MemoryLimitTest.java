package io.partner.ppm.plugin.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.BackoffSpec;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.plugin.testkit.InMemorySupervisor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemoryLimitTest {

    private static final long MIB = 1024 * 1024;

    private final InMemorySupervisor daemon = new InMemorySupervisor();
    private MemoryLimit limit;

    @BeforeEach
    void setUp() {
        daemon.add(Crashes.service("web", "on-failure", BackoffSpec.DEFAULT, Map.of("max_memory", "100MB")));
        daemon.add(Crashes.service("free", "on-failure", BackoffSpec.DEFAULT, Map.of()));
    }

    @AfterEach
    void tearDown() {
        limit.stop();
        daemon.close();
    }

    /** Started with a timer too slow to interfere: the test runs each check itself. */
    private MemoryLimit checkedByHand() {
        limit = new MemoryLimit(Duration.ofHours(1));
        limit.start(daemon);
        return limit;
    }

    private static ServiceStats rss(long bytes, long sampledAt) {
        return new ServiceStats(1, 0, bytes, 1, 3, 0, 0, 0, 0, sampledAt);
    }

    @Test
    void serviceOverItsLimitIsRestartedOncePerSample() {
        checkedByHand();
        daemon.setStats("web", rss(150 * MIB, 1_000));

        limit.check();
        limit.check();
        assertThat(daemon.restarts("web")).as("the same sample twice").isEqualTo(1);
        assertThat(daemon.detail("web", "memory_restarts")).isEqualTo("1");

        daemon.setStats("web", rss(150 * MIB, 2_000));
        limit.check();
        assertThat(daemon.restarts("web")).isEqualTo(2);
        assertThat(daemon.detail("web", "memory_restarts")).isEqualTo("2");
    }

    @Test
    void serviceUnderItsLimitOrWithoutOneIsLeftAlone() {
        checkedByHand();
        daemon.setStats("web", rss(100 * MIB, 1_000));
        daemon.setStats("free", rss(10_000 * MIB, 1_000));

        limit.check();

        assertThat(daemon.restarts("web")).isZero();
        assertThat(daemon.restarts("free")).isZero();
    }

    @Test
    void serviceThatIsNotRunningIsLeftAlone() {
        checkedByHand();
        daemon.stop("web");
        daemon.setStats("web", rss(500 * MIB, 1_000));

        limit.check();

        assertThat(daemon.restarts("web")).isZero();
    }

    @Test
    void daemonTimerRunsTheChecks() {
        limit = new MemoryLimit(Duration.ofMillis(20));
        limit.start(daemon);

        daemon.setStats("web", rss(101 * MIB, 1_000));

        await().atMost(Duration.ofSeconds(10)).until(() -> daemon.restarts("web") == 1);
    }
}
