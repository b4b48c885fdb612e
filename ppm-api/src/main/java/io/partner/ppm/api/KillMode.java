package io.partner.ppm.api;

import java.util.Locale;

/**
 * What happens to the rest of a service's processes when its main process ends on its own (the
 * {@code kill_mode} key). A stop ({@code ppm stop}, {@code ppm rm}, a restart, the daemon's
 * shutdown) always ends the whole tree, whatever the mode.
 */
public enum KillMode {

    /**
     * The default: the processes left in the service's process group and session, and those it
     * double-forked, get the stop signal, then SIGKILL after {@code stop_timeout}; the service is
     * restarted (or counted as ended) once they are gone. As systemd's {@code KillMode=control-group}.
     */
    GROUP,

    /** Only the main process counts: what it leaves behind keeps running. As systemd's {@code KillMode=process}. */
    PROCESS;

    /** The name in the configuration: {@code group} or {@code process}. */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException for anything but {@code group} or {@code process} */
    public static KillMode parse(String text) {
        for (KillMode mode : values()) {
            if (mode.configName().equals(text)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown kill mode '" + text + "' (use group or process)");
    }
}
