package io.partner.ppm.runtime.stats;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceStats;
import java.lang.management.ManagementFactory;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import org.junit.jupiter.api.Test;

/** The stats records cross JMX as open types and come back whole through their canonical constructors. */
class StatsRecordsOverJmxTest {

    /** What a management bean serving the samplers' results looks like to JMX. */
    public interface StatsProbeMXBean {
        DaemonStats getDaemon();

        ContainerStats getContainer();

        ServiceStats getService();
    }

    public static final class StatsProbe implements StatsProbeMXBean {
        @Override
        public DaemonStats getDaemon() {
            return new DaemonSampler().sample();
        }

        @Override
        public ContainerStats getContainer() {
            return new ContainerSampler().sample();
        }

        @Override
        public ServiceStats getService() {
            return new ServiceStats(3, 187.5, 80L << 20, 9, 42, 1, 2, 3.5, 4.5, 123);
        }
    }

    @Test
    void samplesSurviveTheTripThroughAnMxBeanProxy() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("ppm.test:type=StatsProbe");
        server.registerMBean(new StatsProbe(), name);
        try {
            StatsProbeMXBean proxy = JMX.newMXBeanProxy(server, name, StatsProbeMXBean.class);

            assertThat(proxy.getService()).isEqualTo(new StatsProbe().getService());
            assertThat(proxy.getDaemon().rssBytes()).isPositive();
            assertThat(proxy.getContainer().cpuCount()).isPositive();
            assertThat(server.getAttribute(name, "Container")).isInstanceOf(CompositeData.class);
            assertThat(((CompositeData) server.getAttribute(name, "Container")).get("memoryLimitBytes"))
                    .isInstanceOf(Long.class);
        } finally {
            server.unregisterMBean(name);
        }
    }
}
