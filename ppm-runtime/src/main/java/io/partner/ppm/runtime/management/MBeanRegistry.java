package io.partner.ppm.runtime.management;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Registers MBeans and remembers what it registered, so that {@link #unregisterAll()} removes exactly
 * those and nothing that somebody else put into the same MBean server. Thread-safe.
 */
final class MBeanRegistry {

    private final MBeanServer server;
    private final Set<ObjectName> registered = new LinkedHashSet<>();

    MBeanRegistry(MBeanServer server) {
        this.server = server;
    }

    MBeanServer server() {
        return server;
    }

    /** Registers an MBean; a stale one of the same name (left by an earlier daemon in this JVM) is replaced. */
    synchronized void register(Object mbean, ObjectName name) throws JMException {
        if (server.isRegistered(name)) {
            server.unregisterMBean(name);
        }
        server.registerMBean(mbean, name);
        registered.add(name);
    }

    synchronized boolean isRegistered(ObjectName name) {
        return registered.contains(name);
    }

    /** Unregisters one MBean this registry registered; does nothing when it is not registered. */
    synchronized void unregister(ObjectName name) throws JMException {
        if (registered.remove(name)) {
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException alreadyGone) {
                // Somebody else removed it: the goal is reached.
            }
        }
    }

    /** The names this registry registered that match a pattern. */
    synchronized List<ObjectName> registeredMatching(ObjectName pattern) {
        List<ObjectName> result = new ArrayList<>();
        for (ObjectName name : registered) {
            if (pattern.apply(name)) {
                result.add(name);
            }
        }
        return result;
    }

    /**
     * Unregisters everything, going on after a failure; the failures are reported together.
     *
     * @throws JMException the first failure, with the others attached as suppressed
     */
    synchronized void unregisterAll() throws JMException {
        JMException first = null;
        for (ObjectName name : List.copyOf(registered)) {
            try {
                unregister(name);
            } catch (JMException e) {
                registered.remove(name);
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
