package io.partner.ppm.runtime.management;

import java.lang.reflect.Method;
import java.util.Map;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanParameterInfo;
import javax.management.NotCompliantMBeanException;
import javax.management.NotificationEmitter;
import javax.management.StandardEmitterMBean;
import javax.management.StandardMBean;

/**
 * Registers PPM's MXBeans with their operations' parameter names and descriptions in the
 * {@code MBeanInfo}: the JMX introspector alone calls them {@code p0}, {@code p1}, so JConsole would
 * show {@code signal(p0)} and Jolokia's {@code list} could not say what to pass. Names come from the
 * interfaces' class files (compiled with {@code -parameters}), descriptions from the table below.
 */
final class DescribedMBeans {

    private static final Map<String, String> OPERATIONS = Map.ofEntries(
            Map.entry("sample", "Samples every service, the daemon and the container now (at most once a second)"),
            Map.entry("addService", "Adds a service written like one entry of services: (YAML or JSON) and starts it"),
            Map.entry("removeService", "Stops a service and removes it"),
            Map.entry("reload", "Re-reads the configuration file and applies the difference"),
            Map.entry("shutdown", "Starts a graceful shutdown"),
            Map.entry("configuration", "The effective configuration as YAML"),
            Map.entry("logs", "Lines of one service after a sequence number, oldest first"),
            Map.entry("tail", "The last lines of one service, or of all when the name is empty"),
            Map.entry("logsSince", "Lines of every service at or after a time, oldest first"),
            Map.entry("start", "Starts the service when it is not alive"),
            Map.entry("stop", "Stops the service; it is not restarted"),
            Map.entry("restart", "Stops the service if alive, then starts it"),
            Map.entry("signal", "Sends a signal to the service's process group"),
            Map.entry("pause", "Pauses the service (SIGSTOP)"),
            Map.entry("resume", "Resumes a paused service (SIGCONT)"));

    private static final Map<String, String> PARAMETERS = Map.of(
            "definition", "the service as YAML or JSON, e.g. {\"name\":\"job\",\"command\":[\"sleep\",\"60\"]}",
            "name", "a service name; for signal, a signal name (TERM, SIGHUP) or number",
            "service", "a service name",
            "afterSeq", "the last sequence number already seen (0 for the start)",
            "max", "the most lines to return",
            "lines", "how many lines",
            "sinceMillis", "epoch milliseconds");

    private DescribedMBeans() {
    }

    /** {@code implementation} as an MXBean of {@code type}, described; an emitter stays one. */
    static <T> StandardMBean of(T implementation, Class<T> type) throws NotCompliantMBeanException {
        if (implementation instanceof NotificationEmitter emitter) {
            return new DescribedEmitter<>(implementation, type, emitter);
        }
        return new Described<>(implementation, type);
    }

    private static String parameterName(Class<?> type, MBeanOperationInfo op, int sequence, String fallback) {
        for (Method method : type.getMethods()) {
            if (method.getName().equals(op.getName()) && method.getParameterCount() == op.getSignature().length
                    && method.getParameters()[sequence].isNamePresent()) {
                return method.getParameters()[sequence].getName();
            }
        }
        return fallback;
    }

    private static String parameterDescription(String name, String fallback) {
        return PARAMETERS.getOrDefault(name, fallback);
    }

    private static final class Described<T> extends StandardMBean {

        private final Class<T> type;

        Described(T implementation, Class<T> type) throws NotCompliantMBeanException {
            super(implementation, type, true);
            this.type = type;
        }

        @Override
        protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
            return parameterName(type, op, sequence, super.getParameterName(op, param, sequence));
        }

        @Override
        protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
            return parameterDescription(getParameterName(op, param, sequence), super.getDescription(op, param, sequence));
        }

        @Override
        protected String getDescription(MBeanOperationInfo op) {
            return OPERATIONS.getOrDefault(op.getName(), super.getDescription(op));
        }
    }

    private static final class DescribedEmitter<T> extends StandardEmitterMBean {

        private final Class<T> type;

        DescribedEmitter(T implementation, Class<T> type, NotificationEmitter emitter) {
            super(implementation, type, true, emitter);
            this.type = type;
        }

        @Override
        protected String getParameterName(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
            return parameterName(type, op, sequence, super.getParameterName(op, param, sequence));
        }

        @Override
        protected String getDescription(MBeanOperationInfo op, MBeanParameterInfo param, int sequence) {
            return parameterDescription(getParameterName(op, param, sequence), super.getDescription(op, param, sequence));
        }

        @Override
        protected String getDescription(MBeanOperationInfo op) {
            return OPERATIONS.getOrDefault(op.getName(), super.getDescription(op));
        }
    }
}
