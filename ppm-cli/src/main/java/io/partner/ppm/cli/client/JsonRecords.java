package io.partner.ppm.cli.client;

import io.partner.ppm.api.ContainerStats;
import io.partner.ppm.api.DaemonStats;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.management.DaemonStatus;
import io.partner.ppm.api.management.LogEntry;
import io.partner.ppm.api.management.PluginInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the ppm-api records from Jolokia's JSON rendering of their open types. Written out by hand
 * rather than by reflection: it is on the path of every {@code ppm ls}, where reflection's start-up
 * cost shows, and a record that gains a component fails to compile here instead of failing at run time.
 */
final class JsonRecords {

    private JsonRecords() {
    }

    static List<ServiceInfo> services(Object json) {
        List<ServiceInfo> result = new ArrayList<>();
        for (Object item : items(json)) {
            result.add(service(item));
        }
        return result;
    }

    static ServiceInfo service(Object json) {
        Map<?, ?> m = object(json, "ServiceInfo");
        return new ServiceInfo(
                text(m, "name"),
                ServiceState.valueOf(text(m, "state")),
                number(m, "pid"),
                text(m, "command"),
                (int) number(m, "restarts"),
                (int) number(m, "totalRestarts"),
                number(m, "nextRestartAt"),
                bool(m, "gaveUp"),
                (int) number(m, "lastExitCode"),
                text(m, "lastSignal"),
                text(m, "reason"),
                number(m, "startedAt"),
                number(m, "uptimeMillis"),
                m.get("stats") == null ? null : stats(m.get("stats")),
                stringMap(m.get("details")));
    }

    static ServiceStats stats(Object json) {
        Map<?, ?> m = object(json, "ServiceStats");
        return new ServiceStats(
                (int) number(m, "processes"),
                decimal(m, "cpuPercent"),
                number(m, "rssBytes"),
                (int) number(m, "threads"),
                (int) number(m, "openFiles"),
                number(m, "readBytes"),
                number(m, "writeBytes"),
                decimal(m, "readRate"),
                decimal(m, "writeRate"),
                number(m, "sampledAt"));
    }

    static DaemonStats daemonStats(Object json) {
        Map<?, ?> m = object(json, "DaemonStats");
        return new DaemonStats(number(m, "rssBytes"), number(m, "heapUsedBytes"), number(m, "heapMaxBytes"),
                (int) number(m, "threads"), decimal(m, "cpuPercent"), number(m, "uptimeMillis"), number(m, "sampledAt"));
    }

    static ContainerStats containerStats(Object json) {
        Map<?, ?> m = object(json, "ContainerStats");
        return new ContainerStats((int) number(m, "cgroupVersion"), number(m, "memoryUsageBytes"),
                number(m, "memoryLimitBytes"), decimal(m, "cpuLimitCores"), bool(m, "cpuQuotaSet"), (int) number(m, "cpuCount"),
                number(m, "hostMemoryTotalBytes"), number(m, "hostMemoryAvailableBytes"), decimal(m, "loadAverage1"),
                decimal(m, "loadAverage5"), decimal(m, "loadAverage15"), number(m, "sampledAt"));
    }

    static DaemonStatus status(Object json) {
        Map<?, ?> m = object(json, "DaemonStatus");
        return new DaemonStatus(text(m, "version"), number(m, "pid"), number(m, "startedAt"), number(m, "uptimeMillis"),
                text(m, "configFile"), (int) number(m, "services"), (int) number(m, "created"), (int) number(m, "running"),
                (int) number(m, "finished"), (int) number(m, "stopped"), (int) number(m, "crashed"));
    }

    static List<PluginInfo> plugins(Object json) {
        List<PluginInfo> result = new ArrayList<>();
        for (Object item : items(json)) {
            Map<?, ?> m = object(item, "PluginInfo");
            List<String> extensions = new ArrayList<>();
            for (Object extension : items(m.get("extensions"))) {
                extensions.add(String.valueOf(extension));
            }
            result.add(new PluginInfo(text(m, "id"), text(m, "version"), text(m, "state"), extensions, text(m, "error"),
                    text(m, "path")));
        }
        return result;
    }

    static List<LogEntry> logs(Object json) {
        List<LogEntry> result = new ArrayList<>();
        for (Object item : items(json)) {
            Map<?, ?> m = object(item, "LogEntry");
            result.add(new LogEntry(number(m, "seq"), text(m, "service"), text(m, "stream"), number(m, "timestamp"),
                    text(m, "text")));
        }
        return result;
    }

    private static List<?> items(Object json) {
        return json instanceof List<?> list ? list : List.of();
    }

    private static Map<?, ?> object(Object json, String type) {
        if (json instanceof Map<?, ?> map) {
            return map;
        }
        throw new IllegalArgumentException("expected a " + type + " object, got " + json);
    }

    private static String text(Map<?, ?> m, String key) {
        Object value = m.get(key);
        return value == null ? null : value.toString();
    }

    private static long number(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.longValue() : 0;
    }

    private static double decimal(Map<?, ?> m, String key) {
        return m.get(key) instanceof Number n ? n.doubleValue() : 0;
    }

    private static boolean bool(Map<?, ?> m, String key) {
        return Boolean.TRUE.equals(m.get(key));
    }

    /** Jolokia renders an MXBean map either as a plain object or as rows of {@code {key, value}}. */
    private static Map<String, String> stringMap(Object json) {
        Map<String, String> result = new LinkedHashMap<>();
        if (json instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                Object value = entry.getValue();
                if (value instanceof Map<?, ?> row && row.containsKey("key")) {
                    result.put(String.valueOf(row.get("key")), String.valueOf(row.get("value")));
                } else if (value != null) {
                    result.put(String.valueOf(entry.getKey()), value.toString());
                }
            }
        }
        return result;
    }
}
