package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.management.PluginInfo;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The example plugin of docs/plugins.md, compiled from the page itself, loads and works. */
class ExamplePluginFromDocsTest {

    private static final Path GUIDE = Path.of("..", "docs", "plugins.md");
    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    private static final Pattern PUBLIC_CLASS = Pattern.compile("^public class (\\w+)", Pattern.MULTILINE);

    @TempDir
    Path scratch;

    @Test
    void exampleFromThePluginGuideBuildsLoadsAndRestartsImmediately() throws IOException {
        Path plugins = Files.createDirectory(scratch.resolve("plugins"));
        PluginJarBuilder example = PluginJarBuilder.plugin("immediate", "1.0.0");
        int sources = 0;
        Matcher block = JAVA_BLOCK.matcher(Files.readString(GUIDE));
        while (block.find()) {
            String code = block.group(1);
            Matcher pkg = PACKAGE.matcher(code);
            Matcher cls = PUBLIC_CLASS.matcher(code);
            if (pkg.find() && cls.find()) {
                example.source(pkg.group(1) + "." + cls.group(1), code);
                sources++;
            }
        }
        assertThat(sources).as("java blocks in the guide").isEqualTo(2);
        example.build(scratch, plugins.resolve("immediate.jar"));

        try (PluginHost host = new PluginHost(plugins, List.of())) {
            host.loadAll();

            assertThat(host.plugins()).singleElement().satisfies(p -> {
                assertThat(p.state()).as(p.error()).isEqualTo("STARTED");
                assertThat(p.extensions()).containsExactlyInAnyOrder("com.example.ppm.ImmediateRestart", "com.example.ppm.CrashLogger");
            });
            RestartPolicy immediate = host.restartPolicy("immediate").orElseThrow();
            assertThat(immediate.decide(crash(0))).isEqualTo(RestartDecision.restartAfter(Duration.ZERO));
            assertThat(immediate.decide(crash(3))).isEqualTo(RestartDecision.giveUp());
            assertThat(host.eventListeners()).hasSize(1);
            assertThat(host.plugins()).extracting(PluginInfo::id).containsExactly("immediate");
        }
    }

    private static RestartContext crash(int restarts) {
        return new RestartContext(ServiceSpec.of("flaky", List.of("/app/flaky")), ServiceState.CRASHED, ExitStatus.exited(1),
                restarts, Instant.now());
    }
}
