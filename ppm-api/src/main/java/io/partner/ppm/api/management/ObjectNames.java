package io.partner.ppm.api.management;

import io.partner.ppm.api.ServiceSpec;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The JMX names of PPM's MBeans. Every name is {@code key=value} from the start
 * ({@code ppm:type=Service,name=web}), so tools can query by type: {@link #SERVICES} matches every
 * service MBean.
 */
public final class ObjectNames {

    /** The JMX domain of every PPM MBean. */
    public static final String DOMAIN = "ppm";

    /** The daemon: {@code ppm:type=Daemon}. */
    public static final String DAEMON = DOMAIN + ":type=Daemon";

    /** A pattern matching every service MBean. */
    public static final String SERVICES = DOMAIN + ":type=Service,*";

    /** A pattern matching every plugin MBean. */
    public static final String PLUGINS = DOMAIN + ":type=Plugin,*";

    private ObjectNames() {
    }

    /** The daemon's name as an {@link ObjectName}. */
    public static ObjectName daemon() {
        return parse(DAEMON);
    }

    /**
     * The name of a service's MBean, {@code ppm:type=Service,name=NAME}.
     *
     * @throws IllegalArgumentException when {@code service} is not a valid service name
     */
    public static ObjectName service(String service) {
        if (service == null || !ServiceSpec.NAME.matcher(service).matches()) {
            throw new IllegalArgumentException(ServiceSpec.invalidName(String.valueOf(service)));
        }
        return parse(DOMAIN + ":type=Service,name=" + service);
    }

    /** The name of a plugin's MBean, {@code ppm:type=Plugin,name=ID}; the id is quoted when it needs to be. */
    public static ObjectName plugin(String id) {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("empty plugin id");
        }
        return parse(DOMAIN + ":type=Plugin,name=" + quoteIfNeeded(id));
    }

    /** A pattern, e.g. {@link #SERVICES}, as an {@link ObjectName}. */
    public static ObjectName pattern(String pattern) {
        return parse(pattern);
    }

    private static String quoteIfNeeded(String value) {
        for (char c : value.toCharArray()) {
            if (c == ',' || c == '=' || c == ':' || c == '"' || c == '*' || c == '?' || c == '\n') {
                return ObjectName.quote(value);
            }
        }
        return value;
    }

    private static ObjectName parse(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("invalid MBean name '" + name + "': " + e.getMessage(), e);
        }
    }
}
