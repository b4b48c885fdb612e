package io.partner.ppm.runtime.plugin;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Sources of plugins that misbehave the way a careless plugin can: they block, throw errors, or try to
 * end the daemon. Each is built into a real jar by the test.
 */
final class HostilePlugins {

    private HostilePlugins() {
    }

    /** A plugin {@code stuck} whose Plugin class never returns from start(). */
    static Path neverStarts(Path scratch, Path jar) throws IOException {
        return PluginJarBuilder.plugin("stuck", "1.0.0").source("stuck.StuckPlugin", """
                package stuck;

                public class StuckPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        while (true) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException ignored) {
                                // A careless plugin swallows the interrupt and carries on blocking.
                            }
                        }
                    }
                }
                """).pluginClass("stuck.StuckPlugin").build(scratch, jar);
    }

    /** A plugin {@code fragile} whose Plugin class throws an Error (not an Exception) from start(). */
    static Path errorOnStart(Path scratch, Path jar) throws IOException {
        return PluginJarBuilder.plugin("fragile", "1.0.0").source("fragile.FragilePlugin", """
                package fragile;

                public class FragilePlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        throw new AssertionError("fragile breaks");
                    }
                }
                """).pluginClass("fragile.FragilePlugin").build(scratch, jar);
    }

    /**
     * A plugin {@code sticky} with one extension whose part {@code part} blocks forever:
     * {@code extension-start}, {@code extension-stop}, {@code listener}, {@code policy} or {@code validate};
     * its policy is {@code sticky} (restart after 100 ms) and its service key {@code sticky_key}. With
     * {@code listener-error} its listener throws an Error instead.
     */
    static Path blocking(Path scratch, Path jar, String part) throws IOException {
        return PluginJarBuilder.plugin("sticky", "1.0.0").source("sticky.Sticky", """
                package sticky;

                import io.partner.ppm.api.ServiceEvent;
                import io.partner.ppm.api.spi.*;
                import java.time.Duration;
                import java.util.Set;
                import org.pf4j.Extension;

                @Extension
                public class Sticky implements DaemonExtension, ServiceEventListener, RestartPolicy, ConfigContribution {
                    private static void maybeBlock(String part) {
                        if (part.equals("PART")) {
                            while (true) {
                                try {
                                    Thread.sleep(60_000);
                                } catch (InterruptedException ignored) {
                                    // Swallowed: the daemon cannot count on a plugin to stop.
                                }
                            }
                        }
                    }

                    public void start(SupervisorContext context) { maybeBlock("extension-start"); }

                    public void stop() { maybeBlock("extension-stop"); }

                    public void onEvent(ServiceEvent event) {
                        if ("listener-error".equals("PART")) {
                            throw new StackOverflowError("sticky listener overflows");
                        }
                        maybeBlock("listener");
                    }

                    public String name() { return "sticky"; }

                    public RestartDecision decide(RestartContext c) {
                        maybeBlock("policy");
                        return RestartDecision.restartAfter(Duration.ofMillis(100));
                    }

                    public Set<String> serviceKeys() { return Set.of("sticky_key"); }

                    public void validateServiceKey(String service, String key, Object value) { maybeBlock("validate"); }
                }
                """.replace("PART", part)).build(scratch, jar);
    }

    /** A plugin {@code quitter} whose start() calls {@code System.exit(7)}. */
    static Path exitsOnStart(Path scratch, Path jar) throws IOException {
        return PluginJarBuilder.plugin("quitter", "1.0.0").source("quitter.QuitterPlugin", """
                package quitter;

                public class QuitterPlugin extends org.pf4j.Plugin {
                    @Override
                    public void start() {
                        System.exit(7);
                    }
                }
                """).pluginClass("quitter.QuitterPlugin").build(scratch, jar);
    }

    /** A plugin {@code halter} whose extension calls {@code Runtime.getRuntime().halt(7)} when stopped. */
    static Path haltsOnStop(Path scratch, Path jar) throws IOException {
        return PluginJarBuilder.plugin("halter", "1.0.0").source("halter.Halter", """
                package halter;

                import io.partner.ppm.api.spi.*;
                import org.pf4j.Extension;

                @Extension
                public class Halter implements DaemonExtension {
                    public void start(SupervisorContext context) { }

                    public void stop() { Runtime.getRuntime().halt(7); }
                }
                """).build(scratch, jar);
    }

    /** A plugin {@code forker} whose listener runs a command through ProcessBuilder. */
    static Path usesProcessBuilder(Path scratch, Path jar) throws IOException {
        return PluginJarBuilder.plugin("forker", "1.0.0").source("forker.Forker", """
                package forker;

                import io.partner.ppm.api.ServiceEvent;
                import io.partner.ppm.api.spi.*;
                import org.pf4j.Extension;

                @Extension
                public class Forker implements ServiceEventListener {
                    public void onEvent(ServiceEvent event) {
                        try {
                            new ProcessBuilder("true").start();
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }
                }
                """).build(scratch, jar);
    }

    /** A plugin {@code execer} with a helper class that calls {@code Runtime.exec}. */
    static Path usesRuntimeExec(Path scratch, Path jar) throws IOException {
        return PluginJarBuilder.plugin("execer", "1.0.0").source("execer.Helper", """
                package execer;

                public class Helper {
                    public static void run() throws java.io.IOException {
                        Runtime.getRuntime().exec(new String[] {"true"});
                    }
                }
                """).build(scratch, jar);
    }
}
