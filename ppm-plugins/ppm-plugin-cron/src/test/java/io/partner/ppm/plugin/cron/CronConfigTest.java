package io.partner.ppm.plugin.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partner.ppm.api.ServiceSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CronConfigTest {

    private final CronConfig config = new CronConfig();

    private static ServiceSpec autostarting(Map<String, Object> keys) {
        return Services.withKeys("job", keys).withAutostart(true);
    }

    @Test
    void ownsTheCronKeys() {
        assertThat(config.serviceKeys()).containsExactlyInAnyOrder("schedule", "schedule_format", "timezone", "cron_restart");
        assertThat(config.sections()).isEmpty();
    }

    @Test
    void scheduledServiceDoesNotStartWithTheDaemon() {
        ServiceSpec adjusted = config.adjust(autostarting(Map.of("schedule", "*/5 * * * *")));

        assertThat(adjusted.autostart()).isFalse();
    }

    @Test
    void serviceRestartedOnScheduleStillStartsWithTheDaemon() {
        ServiceSpec adjusted = config.adjust(autostarting(Map.of("cron_restart", "0 4 * * *")));

        assertThat(adjusted.autostart()).isTrue();
    }

    @Test
    void expressionIsCheckedInTheFormatWrittenNextToIt() {
        config.adjust(Services.withKeys("job", Map.of("schedule", "*/10 * * * * ?", "schedule_format", "quartz")));

        assertThatThrownBy(() -> config.adjust(Services.withKeys("job", Map.of("schedule", "*/10 * * * * ?"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("schedule: invalid unix cron expression");
        assertThatThrownBy(() -> config.adjust(Services.withKeys("job", Map.of("cron_restart", "nope"))))
                .hasMessageStartingWith("cron_restart: invalid unix cron expression 'nope'");
        assertThatThrownBy(() -> config.adjust(Services.withKeys("job", Map.of("timezone", "UTC"))))
                .hasMessage("timezone is only used with schedule or cron_restart");
    }

    @Test
    void singleKeysAreCheckedOnTheirOwn() {
        config.validateServiceKey("job", "schedule_format", "Quartz");
        config.validateServiceKey("job", "timezone", "Europe/Paris");

        assertThatThrownBy(() -> config.validateServiceKey("job", "schedule_format", "cron4j"))
                .hasMessage("unknown format 'cron4j' (use unix, quartz or spring)");
        assertThatThrownBy(() -> config.validateServiceKey("job", "timezone", "Nowhere/Town"))
                .hasMessage("unknown time zone 'Nowhere/Town' (use e.g. UTC, Europe/Paris)");
        assertThatThrownBy(() -> config.validateServiceKey("job", "schedule", List.of("* * * * *")))
                .hasMessageStartingWith("expected a non-empty string");
    }
}
