package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.ObjectNames;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.management.PluginMXBean;
import io.partner.ppm.runtime.DaemonControl;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.ObjectName;

/** Keeps one {@link PluginMBean} per plugin the daemon reports, updated whenever the plugins change. */
final class PluginMBeans implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(PluginMBeans.class.getName());

    private final DaemonControl control;
    private final MBeanRegistry registry;
    private final Map<String, PluginMBean> mbeans = new HashMap<>();
    private AutoCloseable subscription;

    PluginMBeans(DaemonControl control, MBeanRegistry registry) {
        this.control = control;
        this.registry = registry;
    }

    void start() throws JMException {
        subscription = control.subscribePlugins(this::syncQuietly);
        sync();
    }

    /** As {@link #sync()}, logging instead of throwing: for callbacks. */
    void syncQuietly() {
        try {
            sync();
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot update the plugin MBeans", e);
        }
    }

    /** Registers new plugins, updates known ones and unregisters those that are gone. */
    synchronized void sync() throws JMException {
        Set<String> present = new HashSet<>();
        for (PluginInfo info : control.plugins()) {
            present.add(info.id());
            PluginMBean known = mbeans.get(info.id());
            if (known != null) {
                known.update(info);
            } else {
                PluginMBean mbean = new PluginMBean(info);
                registry.register(DescribedMBeans.of(mbean, PluginMXBean.class),
                        ObjectNames.plugin(info.id()));
                mbeans.put(info.id(), mbean);
            }
        }
        for (String id : Set.copyOf(mbeans.keySet())) {
            if (!present.contains(id)) {
                mbeans.remove(id);
                ObjectName name = ObjectNames.plugin(id);
                registry.unregister(name);
            }
        }
    }

    @Override
    public void close() throws Exception {
        if (subscription != null) {
            subscription.close();
        }
    }
}
