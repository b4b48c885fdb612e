package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.runtime.management.ControlCredentials.Access;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.rmi.server.RemoteServer;
import java.rmi.server.ServerNotActiveException;
import java.security.Principal;
import java.util.Set;
import javax.management.MBeanServer;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.remote.JMXAuthenticator;
import javax.management.remote.JMXPrincipal;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

/**
 * Who may do what over the JMX connector. The {@link JMXAuthenticator} lets a loopback client in
 * without credentials as a reader, and a client with a known user and password in with that user's
 * access; the {@link MBeanServerForwarder} then lets readers read (attributes, MBean info, queries,
 * notification listeners, and the daemon's {@code sample}) and refuses everything else, above all
 * every operation and attribute write, with one line.
 */
final class JmxAccess implements JMXAuthenticator, InvocationHandler {

    /** Marks a connection's subject as allowed to control the daemon. */
    private record ControlPrincipal(String getName) implements Principal {
    }

    private static final Set<String> READ_METHODS = Set.of("getAttribute", "getAttributes", "getMBeanInfo",
            "queryNames", "queryMBeans", "isRegistered", "getMBeanCount", "getDefaultDomain", "getDomains",
            "isInstanceOf", "getObjectInstance",
            // The connector itself asks for class loaders to read arguments; no client can call these.
            "getClassLoaderRepository", "getClassLoaderFor", "getClassLoader");

    private final ControlCredentials credentials;
    private final boolean anonymousReads;
    private MBeanServer target;

    private JmxAccess(ControlCredentials credentials, boolean anonymousReads) {
        this.credentials = credentials;
        this.anonymousReads = anonymousReads;
    }

    /**
     * @param anonymousReads whether a loopback client without credentials may read (the endpoint is
     *     on loopback and no password file is configured)
     */
    static JmxAccess of(ControlCredentials credentials, boolean anonymousReads) {
        return new JmxAccess(credentials, anonymousReads);
    }

    /** The forwarder to put in front of the MBean server. */
    MBeanServerForwarder forwarder() {
        return (MBeanServerForwarder) Proxy.newProxyInstance(MBeanServerForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, this);
    }

    @Override
    public Subject authenticate(Object given) {
        if (given == null) {
            if (!anonymousReads || !clientOnLoopback()) {
                throw new SecurityException("this JMX connector needs a user and password");
            }
            return new Subject(true, Set.of(new JMXPrincipal("anonymous")), Set.of(), Set.of());
        }
        if (!(given instanceof String[] pair) || pair.length != 2) {
            throw new SecurityException("credentials must be a user name and a password (String[2])");
        }
        Access access = credentials.check(pair[0], pair[1]);
        if (access == null) {
            throw new SecurityException("wrong user or password for user '" + pair[0] + "'");
        }
        Set<Principal> principals = access == Access.CONTROL
                ? Set.of(new JMXPrincipal(pair[0]), new ControlPrincipal(pair[0]))
                : Set.of(new JMXPrincipal(pair[0]));
        return new Subject(true, principals, Set.of(), Set.of());
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getMBeanServer":
                return target;
            case "setMBeanServer":
                target = (MBeanServer) args[0];
                return null;
            case "hashCode":
                return System.identityHashCode(proxy);
            case "equals":
                return proxy == args[0];
            case "toString":
                return "JmxAccess forwarder";
            default:
                break;
        }
        if (!isReading(method, args) && !mayControl()) {
            throw new SecurityException(method.getName().equals("invoke") || method.getName().startsWith("setAttribute")
                    ? "control needs credentials: connect with the user and password of the daemon's runtime file "
                            + "or of daemon.auth"
                    : method.getName() + " needs credentials");
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static boolean isReading(Method method, Object[] args) {
        String name = method.getName();
        if (READ_METHODS.contains(name)) {
            return true;
        }
        if (name.equals("addNotificationListener") || name.equals("removeNotificationListener")) {
            // A listener object runs in the client; a listener MBean would run here on the client's behalf.
            return args.length > 1 && args[1] instanceof NotificationListener;
        }
        // Sampling only refreshes the figures everybody may read.
        return name.equals("invoke") && "sample".equals(args[1]) && ObjectNames.daemon().equals((ObjectName) args[0]);
    }

    private static boolean mayControl() {
        Subject subject = Subject.current();
        return subject != null && !subject.getPrincipals(ControlPrincipal.class).isEmpty();
    }

    private static boolean clientOnLoopback() {
        try {
            return InetAddress.getByName(RemoteServer.getClientHost()).isLoopbackAddress();
        } catch (ServerNotActiveException | UnknownHostException e) {
            return false;
        }
    }
}
