package io.partner.ppm.runtime.management;

import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.management.PluginMXBean;
import java.util.List;

/** {@link PluginMXBean} over the latest {@link PluginInfo} the daemon reported for one plugin. */
final class PluginMBean implements PluginMXBean {

    private volatile PluginInfo info;

    PluginMBean(PluginInfo info) {
        this.info = info;
    }

    void update(PluginInfo latest) {
        this.info = latest;
    }

    @Override
    public String getId() {
        return info.id();
    }

    @Override
    public String getVersion() {
        return info.version();
    }

    @Override
    public String getState() {
        return info.state();
    }

    @Override
    public String getError() {
        return info.error();
    }

    @Override
    public String getPath() {
        return info.path();
    }

    @Override
    public List<String> getExtensions() {
        return info.extensions();
    }

    @Override
    public PluginInfo getInfo() {
        return info;
    }
}
