package io.partner.ppm.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.runtime.supervisor.ConfigDiff.Current;
import io.partner.ppm.runtime.supervisor.ConfigDiff.Kind;
import io.partner.ppm.runtime.supervisor.ManagedService.Origin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reload diff, without processes: what a new configuration adds, removes, changes and keeps. */
class ConfigDiffTest {

    private static ServiceSpec spec(String name, String command) {
        return ServiceSpec.builder(name, List.of(command)).build();
    }

    private static Current fromFile(ServiceSpec spec) {
        return new Current(spec, Origin.CONFIG);
    }

    private static Current atRunTime(ServiceSpec spec) {
        return new Current(spec, Origin.RUNTIME);
    }

    @Test
    void sortsEachServiceIntoAddedRemovedChangedAndUnchanged() {
        ConfigDiff diff = ConfigDiff.between(
                List.of(fromFile(spec("web", "/bin/web")), fromFile(spec("db", "/bin/db")), fromFile(spec("old", "/bin/old"))),
                List.of(spec("web", "/bin/web"), spec("db", "/bin/db --fast"), spec("cache", "/bin/cache")));

        assertThat(diff.removed()).containsExactly("old");
        assertThat(diff.names(Kind.ADDED)).containsExactly("cache");
        assertThat(diff.names(Kind.CHANGED)).containsExactly("db");
        assertThat(diff.names(Kind.UNCHANGED)).containsExactly("web");
        assertThat(diff.summary()).isEqualTo("1 added, 1 removed, 1 changed, 1 unchanged");
    }

    @Test
    void servicesAddedAtRunTimeStayWhenTheFileDoesNotNameThem() {
        ConfigDiff diff = ConfigDiff.between(List.of(atRunTime(spec("adhoc", "/bin/adhoc"))), List.of());

        assertThat(diff.removed()).isEmpty();
        assertThat(diff.steps()).isEmpty();
        assertThat(diff.summary()).isEqualTo("0 added, 0 removed, 0 changed, 0 unchanged");
    }

    @Test
    void aServiceAddedAtRunTimeThatTheFileNowDefinesIsChangedOrKept() {
        ConfigDiff diff = ConfigDiff.between(
                List.of(atRunTime(spec("same", "/bin/same")), atRunTime(spec("other", "/bin/a"))),
                List.of(spec("same", "/bin/same"), spec("other", "/bin/b")));

        assertThat(diff.names(Kind.UNCHANGED)).containsExactly("same");
        assertThat(diff.names(Kind.CHANGED)).containsExactly("other");
        assertThat(diff.removed()).isEmpty();
    }

    @Test
    void stepsFollowTheNewFileAndRemovalsTheCurrentOrder() {
        ConfigDiff diff = ConfigDiff.between(
                List.of(fromFile(spec("z", "/bin/z")), fromFile(spec("b", "/bin/b")), fromFile(spec("a", "/bin/a"))),
                List.of(spec("c", "/bin/c"), spec("a", "/bin/a2"), spec("d", "/bin/d")));

        assertThat(diff.removed()).containsExactly("z", "b");
        assertThat(diff.steps()).extracting(step -> step.spec().name() + ":" + step.kind())
                .containsExactly("c:ADDED", "a:CHANGED", "d:ADDED");
    }

    @Test
    void anIdenticalFileChangesNothing() {
        List<ServiceSpec> specs = List.of(spec("web", "/bin/web"), spec("db", "/bin/db"));
        ConfigDiff diff = ConfigDiff.between(specs.stream().map(ConfigDiffTest::fromFile).toList(), specs);

        assertThat(diff.summary()).isEqualTo("0 added, 0 removed, 0 changed, 2 unchanged");
    }
}
