package io.partner.ppm.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    @Test
    void aBuiltSpecStartsFromTheDefaults() {
        ServiceSpec spec = ServiceSpec.builder("web", List.of("sleep", "60")).build();

        assertThat(spec.shell()).isFalse();
        assertThat(spec.cwd()).isNull();
        assertThat(spec.env()).isEmpty();
        assertThat(spec.envFile()).isNull();
        assertThat(spec.user()).isNull();
        assertThat(spec.restart()).isEqualTo(ServiceSpec.ON_FAILURE);
        assertThat(spec.backoff()).isEqualTo(BackoffSpec.DEFAULT);
        assertThat(spec.stopSignal()).isEqualTo(Signal.TERM);
        assertThat(spec.stopTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(spec.successExitCodes()).containsExactly(0);
        assertThat(spec.dependsOn()).isEmpty();
        assertThat(spec.autostart()).isTrue();
        assertThat(spec.log()).isNull();
        assertThat(spec.extensions()).isEmpty();
        assertThat(spec.killMode()).isEqualTo(KillMode.GROUP);
        assertThat(spec).isEqualTo(ServiceSpec.of("web", List.of("sleep", "60")));
    }

    @Test
    void toBuilderKeepsEveryFieldItDoesNotChange() {
        ServiceSpec spec = ServiceSpec.builder("db", List.of("postgres -D /data")).shell(true).cwd("/srv")
                .env(Map.of("A", "1")).envFile("/etc/db.env").user("postgres").restart(ServiceSpec.ALWAYS)
                .stopSignal(Signal.INT).stopTimeout(Duration.ofSeconds(30)).successExitCodes(Set.of(0, 143))
                .dependsOn(Map.of("net", DependencyCondition.READY)).autostart(false)
                .log(new LogFileSpec("/var/log/db.log", 1024, 2)).extensions(Map.of("schedule", "@daily"))
                .killMode(KillMode.PROCESS).build();

        assertThat(spec.toBuilder().build()).isEqualTo(spec);
        assertThat(spec.argv()).containsExactly("/bin/sh", "-c", "postgres -D /data");
        ServiceSpec renamed = spec.toBuilder().name("db2").build();
        assertThat(renamed.name()).isEqualTo("db2");
        assertThat(renamed.toBuilder().name("db").build()).isEqualTo(spec);
    }

    @Test
    void withersKeepTheKillMode() {
        ServiceSpec spec = ServiceSpec.builder("job", List.of("/bin/job")).killMode(KillMode.PROCESS).build();

        assertThat(spec.withAutostart(false).killMode()).isEqualTo(KillMode.PROCESS);
        assertThat(spec.withExtensions(Map.of("k", "v")).killMode()).isEqualTo(KillMode.PROCESS);
        assertThat(spec.withAutostart(false).autostart()).isFalse();
    }

    @Test
    void buildChecksTheFields() {
        assertThatThrownBy(() -> ServiceSpec.builder("bad name", List.of("true")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid service name 'bad name'");
        assertThatThrownBy(() -> ServiceSpec.builder("web", List.of()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("service 'web': empty command");
    }
}
