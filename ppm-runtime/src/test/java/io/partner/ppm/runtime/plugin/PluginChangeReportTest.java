package io.partner.ppm.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.management.PluginInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginChangeReportTest {

    private static final PluginInfo CRON = new PluginInfo("cron", "1.0.0", "STARTED",
            List.of("a.CronConfig", "a.CronScheduler"), null, "/p/cron.jar");
    private static final PluginInfo BROKEN = new PluginInfo("broken", "", "FAILED", List.of(),
            "not a plugin jar: cannot read it as a jar (zip END header not found)", "/p/broken.jar");
    private static final PluginInfo NOTIFY_OFF = new PluginInfo("notify", "1.0.0", "DISABLED", List.of(), null, "/p/notify.jar");

    private final List<String> lines = new ArrayList<>();
    private final PluginChangeReport report = new PluginChangeReport(lines::add);

    @Test
    void firstLookReportsEveryPluginWithWhatBecameOfIt() {
        report.report(List.of(BROKEN, CRON, NOTIFY_OFF));

        assertThat(lines).containsExactly(
                "plugin broken (/p/broken.jar) failed to load: not a plugin jar: cannot read it as a jar (zip END header not found)",
                "plugin cron 1.0.0 loaded from /p/cron.jar with 2 extension(s)",
                "plugin notify 1.0.0 not started: disabled by daemon.plugins.disabled (/p/notify.jar)");
    }

    @Test
    void laterLooksReportOnlyWhatChanged() {
        report.report(List.of(CRON));
        lines.clear();

        report.report(List.of(CRON));
        assertThat(lines).isEmpty();

        report.report(List.of(BROKEN, CRON));
        assertThat(lines).singleElement().asString().startsWith("plugin broken (/p/broken.jar) failed to load: ");

        lines.clear();
        report.report(List.of(BROKEN));
        assertThat(lines).containsExactly("plugin cron unloaded (/p/cron.jar)");
    }

    @Test
    void replacedJarIsReportedWithItsNewVersion() {
        report.report(List.of(CRON));
        lines.clear();

        report.report(List.of(new PluginInfo("cron", "1.1.0", "STARTED", CRON.extensions(), null, CRON.path())));

        assertThat(lines).containsExactly("plugin cron 1.1.0 loaded from /p/cron.jar with 2 extension(s)");
    }
}
