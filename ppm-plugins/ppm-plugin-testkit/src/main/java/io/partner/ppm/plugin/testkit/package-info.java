/**
 * Helpers for testing PPM plugins: {@link io.partner.ppm.plugin.testkit.InMemorySupervisor}, a
 * supervisor context without processes, and {@link io.partner.ppm.plugin.testkit.PluginJars}, which
 * turns a module's compiled classes into a plugin jar that a real plugin host loads.
 */
package io.partner.ppm.plugin.testkit;
