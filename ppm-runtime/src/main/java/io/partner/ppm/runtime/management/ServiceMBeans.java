package io.partner.ppm.runtime.management;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.ServiceMXBean;
import io.partner.ppm.runtime.DaemonControl;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * Keeps one {@link ServiceMBean} per service registered, in step with the daemon's {@code ADDED} and
 * {@code REMOVED} events, and forwards every other event to its service's MBean as notifications.
 */
final class ServiceMBeans implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ServiceMBeans.class.getName());

    private final DaemonControl context;
    private final MBeanRegistry registry;
    private final Map<String, ServiceMBean> mbeans = new ConcurrentHashMap<>();
    private AutoCloseable subscription;

    ServiceMBeans(DaemonControl context, MBeanRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    /**
     * Subscribes first, then registers the services that already exist, so a service added in
     * between is registered by whichever comes first and never missed.
     */
    void start() throws JMException {
        subscription = context.supervisor().subscribe(this::onEvent);
        for (ServiceInfo info : context.supervisor().services()) {
            register(info.name());
        }
    }

    private void onEvent(ServiceEvent event) {
        try {
            switch (event.type()) {
                case ADDED -> register(event.service());
                case REMOVED -> unregister(event.service());
                default -> {
                    ServiceMBean mbean = mbeans.get(event.service());
                    if (mbean != null) {
                        mbean.publish(event);
                    }
                }
            }
        } catch (JMException | RuntimeException e) {
            // An event listener must never throw into the daemon's event thread.
            LOG.log(System.Logger.Level.WARNING, "cannot update the MBean of service " + event.service(), e);
        }
    }

    private synchronized void register(String name) throws JMException {
        if (mbeans.containsKey(name)) {
            return;
        }
        ObjectName objectName = ObjectNames.service(name);
        ServiceMBean mbean = new ServiceMBean(context, name, objectName);
        registry.register(DescribedMBeans.of(mbean, ServiceMXBean.class), objectName);
        mbeans.put(name, mbean);
    }

    private synchronized void unregister(String name) throws JMException {
        ServiceMBean mbean = mbeans.remove(name);
        if (mbean != null) {
            registry.unregister(mbean.objectName());
        }
    }

    /** Stops following events; the MBeans themselves are unregistered with the rest of the registry. */
    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
        mbeans.clear();
    }
}
