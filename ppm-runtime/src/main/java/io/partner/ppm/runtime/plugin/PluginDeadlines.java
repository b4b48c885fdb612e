package io.partner.ppm.runtime.plugin;

import java.time.Duration;

/**
 * How long the daemon waits for a plugin's code before it gives up on the plugin (marks it FAILED and
 * leaves its threads behind).
 *
 * @param lifecycle loading and starting a jar ({@code Plugin.start()}, extension constructors),
 *     {@code DaemonExtension.start/stop} and {@code Plugin.stop()}
 * @param call one configuration call ({@code validate*}, {@code adjust}, {@code configure}) or one event
 *     delivered to a listener
 * @param decision one restart policy decision: it sits between a crash and the restart, so it is short
 */
record PluginDeadlines(Duration lifecycle, Duration call, Duration decision) {

    static final PluginDeadlines DEFAULT = new PluginDeadlines(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(250));
}
