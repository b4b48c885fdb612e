package io.partner.ppm.runtime.plugin;

import java.io.IOException;
import java.nio.file.Path;

/** Sources of small plugins the tests build into real jars. */
final class TestPlugins {

    private TestPlugins() {
    }

    /**
     * A plugin {@code probe} with one extension class implementing every extension point: restart policy
     * {@code probe} (restart after {@code VERSION} seconds), service key {@code probe_key}, section
     * {@code probe}; it reports what happens to it through details of the pseudo-service {@code probe}.
     */
    static Path probe(Path scratch, Path jar, int version) throws IOException {
        String code = """
                package probe;

                import io.partner.ppm.api.ServiceEvent;
                import io.partner.ppm.api.spi.*;
                import java.time.Duration;
                import java.util.Map;
                import java.util.Set;
                import org.pf4j.Extension;

                @Extension
                public class Probe implements RestartPolicy, ConfigContribution, ServiceEventListener, DaemonExtension {
                    private volatile SupervisorContext context;
                    private volatile Object configured;

                    public String name() { return "probe"; }

                    public RestartDecision decide(RestartContext c) {
                        return RestartDecision.restartAfter(Duration.ofSeconds(VERSION));
                    }

                    public Set<String> serviceKeys() { return Set.of("probe_key"); }

                    public Set<String> sections() { return Set.of("probe"); }

                    public void validateServiceKey(String service, String key, Object value) {
                        if (!(value instanceof String)) {
                            throw new IllegalArgumentException("expected a string");
                        }
                    }

                    public void configure(Map<String, Object> sections) {
                        configured = sections.get("probe");
                        report("configured", String.valueOf(configured));
                    }

                    public void onEvent(ServiceEvent event) {
                        report("listener_saw", event.type() + " " + event.service());
                    }

                    public void start(SupervisorContext c) {
                        context = c;
                        report("started", "VERSION");
                        // Subscribed and never closed: the host closes it when the plugin goes.
                        c.subscribe(e -> report("subscriber_saw", e.type() + " " + e.service()));
                    }

                    public void stop() {
                        report("stopped", "VERSION");
                    }

                    private void report(String key, String value) {
                        SupervisorContext c = context;
                        if (c != null) {
                            c.setDetail("probe", key, value);
                        }
                    }
                }
                """.replace("VERSION", Integer.toString(version));
        return PluginJarBuilder.plugin("probe", version + ".0.0").source("probe.Probe", code).build(scratch, jar);
    }

    /** A plugin {@code grumpy} whose Plugin class throws in start(). */
    static Path failingOnStart(Path scratch, Path jar) throws IOException {
        String code = """
                package grumpy;

                public class GrumpyPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new IllegalStateException("grumpy refuses to start");
                    }
                }
                """;
        return PluginJarBuilder.plugin("grumpy", "1.0.0").source("grumpy.GrumpyPlugin", code)
                .pluginClass("grumpy.GrumpyPlugin").build(scratch, jar);
    }

    /** A plugin {@code sulky} whose daemon extension throws in start(). */
    static Path failingDaemonExtension(Path scratch, Path jar) throws IOException {
        String code = """
                package sulky;

                import io.partner.ppm.api.spi.*;
                import org.pf4j.Extension;

                @Extension
                public class Sulky implements DaemonExtension, RestartPolicy {
                    public void start(SupervisorContext context) {
                        throw new IllegalStateException("no timer for sulky");
                    }

                    public String name() { return "sulky"; }

                    public RestartDecision decide(RestartContext c) { return RestartDecision.none(); }
                }
                """;
        return PluginJarBuilder.plugin("sulky", "1.0.0").source("sulky.Sulky", code).build(scratch, jar);
    }

    /** A plugin {@code broken} whose listener and restart policy always throw. */
    static Path throwingExtensions(Path scratch, Path jar) throws IOException {
        String code = """
                package broken;

                import io.partner.ppm.api.ServiceEvent;
                import io.partner.ppm.api.spi.*;
                import org.pf4j.Extension;

                @Extension
                public class Broken implements ServiceEventListener, RestartPolicy {
                    public void onEvent(ServiceEvent event) { throw new IllegalStateException("listener bug"); }

                    public String name() { return "broken"; }

                    public RestartDecision decide(RestartContext c) { throw new IllegalStateException("policy bug"); }
                }
                """;
        return PluginJarBuilder.plugin("broken", "1.0.0").source("broken.Broken", code).build(scratch, jar);
    }

    /**
     * A plugin {@code hoarder} that takes everything the context hands out and releases nothing in its
     * stop(): a task repeating every 10 ms on its scheduler, a subscription, the MBean
     * {@code ppm.test:type=Hoarder} and the detail {@code hoarder.left}. Its task counts in the system
     * property {@code ppm.test.hoarder.ticks}, its subscription in {@code ppm.test.hoarder.events}
     * (properties outlive the plugin's class loader). Its subscription throws on events of service
     * {@code boom}, which fails the plugin.
     */
    static Path hoarder(Path scratch, Path jar) throws IOException {
        String code = """
                package hoarder;

                import io.partner.ppm.api.spi.*;
                import java.util.concurrent.TimeUnit;
                import javax.management.ObjectName;
                import javax.management.StandardMBean;
                import org.pf4j.Extension;

                @Extension
                public class Hoarder implements DaemonExtension {
                    public void start(SupervisorContext c) {
                        c.scheduler().scheduleAtFixedRate(() -> count("ppm.test.hoarder.ticks"), 0, 10, TimeUnit.MILLISECONDS);
                        c.subscribe(e -> {
                            if (e.service().equals("boom")) {
                                throw new IllegalStateException("hoarder cannot take it");
                            }
                            count("ppm.test.hoarder.events");
                        });
                        c.setDetail("hoarder", "left", "yes");
                        try {
                            Runnable nothing = () -> { };
                            c.mbeanServer().registerMBean(new StandardMBean(nothing, Runnable.class),
                                    new ObjectName("ppm.test:type=Hoarder"));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }

                    public void stop() {
                        // Releases nothing: the daemon must.
                    }

                    private static synchronized void count(String property) {
                        System.setProperty(property, Integer.toString(Integer.getInteger(property, 0) + 1));
                    }
                }
                """;
        return PluginJarBuilder.plugin("hoarder", "1.0.0").source("hoarder.Hoarder", code).build(scratch, jar);
    }
}
