package io.partner.ppm.cli.command;

import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.cli.CliException;
import java.util.Comparator;

/**
 * The order of the services in {@code ppm stats} ({@code --sort cpu|mem|name}): CPU then memory,
 * highest first; memory then CPU; or by name. Ties go by name, so the order is stable from one
 * refresh to the next.
 *
 * <p>CPU is compared as shown, to one decimal: two services that both read {@code 0.0%} are
 * ordered by memory, not by a difference no one can see. A class rather than a chain of
 * {@code Comparator} lambdas, which would cost a short command their bootstrap.
 */
final class ServiceOrder implements Comparator<ServiceInfo> {

    static final String CPU = "cpu";
    static final String MEMORY = "mem";
    static final String NAME = "name";

    private final String key;

    private ServiceOrder(String key) {
        this.key = key;
    }

    /** The order for a {@code --sort} value; a usage error naming the choices for anything else. */
    static ServiceOrder parse(String key) {
        if (CPU.equals(key) || MEMORY.equals(key) || NAME.equals(key)) {
            return new ServiceOrder(key);
        }
        throw new CliException.Usage("--sort " + key + ": expected cpu, mem or name");
    }

    @Override
    public int compare(ServiceInfo a, ServiceInfo b) {
        if (!key.equals(NAME)) {
            int cpu = Long.compare(cpuTenths(b), cpuTenths(a));
            int memory = Long.compare(b.stats().rssBytes(), a.stats().rssBytes());
            int first = key.equals(CPU) ? cpu : memory;
            int second = key.equals(CPU) ? memory : cpu;
            if (first != 0) {
                return first;
            }
            if (second != 0) {
                return second;
            }
        }
        return a.name().compareTo(b.name());
    }

    private static long cpuTenths(ServiceInfo info) {
        return Math.round(info.stats().cpuPercent() * 10);
    }
}
