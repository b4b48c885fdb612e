package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.DaemonStats;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DaemonSamplerTest {

    private final DaemonSampler sampler = new DaemonSampler();

    @Test
    void reportsTheJvmsOwnMemoryHeapThreadsAndUptime() {
        DaemonStats stats = sampler.sample();

        // Any JVM has tens of MiB resident and more threads than the one running this test.
        assertThat(stats.rssBytes()).isGreaterThan(16L * 1024 * 1024);
        assertThat(stats.heapUsedBytes()).isPositive();
        assertThat(stats.heapMaxBytes()).satisfiesAnyOf(
                max -> assertThat(max).isEqualTo(-1), max -> assertThat(max).isGreaterThanOrEqualTo(stats.heapUsedBytes()));
        assertThat(stats.threads()).isGreaterThan(1);
        assertThat(stats.uptimeMillis()).isPositive();
        assertThat(stats.sampledAt()).isPositive();
    }

    @Test
    void busyDaemonShowsItsCpu() {
        sampler.sample();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            burnCpu(Duration.ofMillis(300));
            assertThat(sampler.sample().cpuPercent()).isGreaterThan(20.0);
        });
    }

    private static void burnCpu(Duration cpuTime) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long end = threads.getCurrentThreadCpuTime() + cpuTime.toNanos();
        long sink = 0;
        while (threads.getCurrentThreadCpuTime() < end) {
            for (int i = 0; i < 10_000; i++) {
                sink += i * 31L ^ sink;
            }
        }
        assertThat(sink).isNotEqualTo(42);
    }
}
