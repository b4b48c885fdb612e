package io.partner.ppm.api.management;

import java.util.List;

/** A loaded plugin, registered as {@code ppm:type=Plugin,name=ID} (see {@link ObjectNames#plugin}). */
public interface PluginMXBean {

    /** The plugin id. */
    String getId();

    /** Its version. */
    String getVersion();

    /** PF4J's state: {@code STARTED}, {@code DISABLED}, {@code FAILED}, ... */
    String getState();

    /** Why it failed to load, or null. */
    String getError();

    /** The jar or folder it came from. */
    String getPath();

    /** Class names of the extensions it contributes. */
    List<String> getExtensions();

    /** Everything above in one call. */
    PluginInfo getInfo();
}
