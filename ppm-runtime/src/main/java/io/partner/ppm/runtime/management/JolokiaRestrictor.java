package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.ObjectNames;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import javax.management.ObjectName;
import org.jolokia.server.core.config.ConfigKey;
import org.jolokia.server.core.config.Configuration;
import org.jolokia.server.core.restrictor.policy.PolicyRestrictor;
import org.jolokia.server.core.service.api.Restrictor;
import org.jolokia.server.core.util.HttpMethod;
import org.jolokia.server.core.util.RequestType;

/**
 * Jolokia's restrictor for PPM: the access policy file decides which MBeans exist for Jolokia at
 * all; on top, operations and attribute writes need a control credential and a POST
 * ({@link JolokiaRequestAccess}). Two operations only read and stay open: the daemon's
 * {@code sample} and pulling one's own notifications from Jolokia's notification store (a client
 * knows only its own client id). Browser origins are allowed only when configured.
 *
 * <p>Public with a {@link Configuration} constructor because Jolokia creates it by class name.
 */
public final class JolokiaRestrictor implements Restrictor {

    private final PolicyRestrictor policy;

    public JolokiaRestrictor(Configuration config) throws IOException {
        String location = config.getConfig(ConfigKey.POLICY_LOCATION);
        try (InputStream in = URI.create(location).toURL().openStream()) {
            this.policy = new PolicyRestrictor(in);
        }
    }

    @Override
    public boolean isHttpMethodAllowed(HttpMethod method) {
        return policy.isHttpMethodAllowed(method);
    }

    @Override
    public boolean isTypeAllowed(RequestType type) {
        return policy.isTypeAllowed(type);
    }

    @Override
    public boolean isAttributeReadAllowed(ObjectName name, String attribute) {
        return policy.isAttributeReadAllowed(name, attribute);
    }

    @Override
    public boolean isAttributeWriteAllowed(ObjectName name, String attribute) {
        return JolokiaRequestAccess.current().mayChange() && policy.isAttributeWriteAllowed(name, attribute);
    }

    @Override
    public boolean isOperationAllowed(ObjectName name, String operation) {
        if (isNotificationPull(name, operation)) {
            return true;
        }
        if (ObjectNames.daemon().equals(name) && "sample".equals(operation)) {
            return policy.isOperationAllowed(name, operation);
        }
        return JolokiaRequestAccess.current().mayChange() && policy.isOperationAllowed(name, operation);
    }

    @Override
    public boolean isRemoteAccessAllowed(String... hostOrAddress) {
        return policy.isRemoteAccessAllowed(hostOrAddress);
    }

    /** Requests without an origin (curl, the CLI) pass; a browser's origin must be configured. */
    @Override
    public boolean isOriginAllowed(String origin, boolean onlyWhenStrictCheckingIsEnabled) {
        return origin == null || JolokiaRequestAccess.current().allowedOrigins().contains(normalized(origin));
    }

    @Override
    public boolean isObjectNameHidden(ObjectName name) {
        return policy.isObjectNameHidden(name);
    }

    /**
     * An origin as {@code scheme://host[:port]}, lower case: Jolokia passes the {@code Referer} (a
     * whole URL) when a request has no {@code Origin}.
     */
    static String normalized(String origin) {
        String text = origin.strip().toLowerCase(Locale.ROOT);
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() != null && uri.getHost() != null) {
                return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            }
        } catch (IllegalArgumentException notAUri) {
            // Compared as written.
        }
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }

    private static boolean isNotificationPull(ObjectName name, String operation) {
        return name != null && "jolokia".equals(name.getDomain())
                && "NotificationStore".equals(name.getKeyProperty("type")) && "pull".equals(operation);
    }
}
