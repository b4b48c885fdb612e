package io.partner.ppm.cli.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.cli.CliException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServiceOrderTest {

    private final List<ServiceInfo> services = List.of(
            service("db", 0.04, 300), service("web", 12.0, 100), service("cache", 0.01, 500), service("api", 12.0, 200));

    @Test
    void cpuFirstThenMemoryWithCpuComparedAsShown() {
        // db and cache both show 0.0%: the one with more memory comes first.
        assertThat(sorted(ServiceOrder.CPU)).containsExactly("api", "web", "cache", "db");
    }

    @Test
    void memoryFirstThenCpu() {
        assertThat(sorted(ServiceOrder.MEMORY)).containsExactly("cache", "db", "api", "web");
    }

    @Test
    void byName() {
        assertThat(sorted(ServiceOrder.NAME)).containsExactly("api", "cache", "db", "web");
    }

    @Test
    void anUnknownKeyIsAUsageErrorNamingTheChoices() {
        assertThatThrownBy(() -> ServiceOrder.parse("memory")).isInstanceOf(CliException.Usage.class)
                .hasMessage("--sort memory: expected cpu, mem or name");
    }

    @Test
    void theTotalSumsEveryService() {
        StatsTotal total = StatsTotal.of(services);

        assertThat(total.cpuPercent()).isCloseTo(24.05, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(total).extracting(StatsTotal::rssBytes, StatsTotal::threads, StatsTotal::openFiles, StatsTotal::processes)
                .containsExactly(1100L, 8, 12, 4);
    }

    private List<String> sorted(String key) {
        List<ServiceInfo> copy = new ArrayList<>(services);
        copy.sort(ServiceOrder.parse(key));
        return copy.stream().map(ServiceInfo::name).toList();
    }

    private static ServiceInfo service(String name, double cpu, long rss) {
        return new ServiceInfo(name, ServiceState.RUNNING, 1, name, 0, 0, 0, false, -1, null, "", 0, 0,
                new ServiceStats(1, cpu, rss, 2, 3, 0, 0, 0, 0, 1), Map.of());
    }
}
