/**
 * Helpers for testing PPM plugins: {@link io.partner.ppm.plugin.testkit.InMemorySupervisor}, a
 * supervisor context without processes; {@link io.partner.ppm.plugin.testkit.PluginJars}, which
 * turns a module's compiled classes into a plugin jar that a real plugin host loads; and
 * {@link io.partner.ppm.plugin.testkit.PluginDaemon}, a real daemon with those jars in its plugin
 * folder and real processes for services.
 */
package io.partner.ppm.plugin.testkit;
