package io.partner.ppm.runtime.plugin;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectInstance;
import javax.management.ObjectName;

/**
 * The daemon's MBean server as one plugin sees it: every call goes to the daemon's server, and the
 * names the plugin registers (and has not unregistered) are remembered, so that unloading the plugin
 * unregisters what it left behind.
 */
final class OwnedMBeans {

    private final String pluginId;
    private final MBeanServer target;
    private final Set<ObjectName> registered = ConcurrentHashMap.newKeySet();
    private final MBeanServer server;
    private boolean closed;

    OwnedMBeans(String pluginId, MBeanServer target) {
        this.pluginId = pluginId;
        this.target = target;
        this.server = (MBeanServer) Proxy.newProxyInstance(OwnedMBeans.class.getClassLoader(),
                new Class<?>[] {MBeanServer.class}, new Recording());
    }

    /** The server to hand to the plugin. */
    MBeanServer server() {
        return server;
    }

    /** Unregisters every MBean the plugin left registered; registering through {@link #server()} is refused from now on. */
    synchronized void unregisterAll() {
        closed = true;
        for (ObjectName name : registered) {
            try {
                if (target.isRegistered(name)) {
                    target.unregisterMBean(name);
                }
            } catch (JMException | RuntimeException e) {
                PluginHost.LOG.log(System.Logger.Level.WARNING,
                        "plugin " + pluginId + ": unregistering its MBean " + name + " failed: " + e);
            }
        }
        registered.clear();
    }

    /** Registers for the plugin and notes the name, unless the plugin is unloaded (then it is refused). */
    private synchronized Object register(Method method, Object[] args) throws Throwable {
        if (closed) {
            throw new IllegalStateException("plugin " + pluginId + " is unloaded: it cannot register MBeans");
        }
        ObjectInstance instance = (ObjectInstance) forward(method, args);
        registered.add(instance.getObjectName());
        return instance;
    }

    private Object forward(Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** Forwards every call to the daemon's server, registrations through {@link #register}. */
    private final class Recording implements InvocationHandler {

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            return switch (method.getName()) {
                case "registerMBean", "createMBean" -> register(method, args);
                case "unregisterMBean" -> {
                    Object result = forward(method, args);
                    registered.remove((ObjectName) args[0]);
                    yield result;
                }
                default -> forward(method, args);
            };
        }
    }
}
