package io.partner.ppm.runtime.supervisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.api.ServiceState;
import io.partner.ppm.api.spi.RestartContext;
import io.partner.ppm.api.spi.RestartDecision;
import io.partner.ppm.api.spi.RestartPolicy;
import io.partner.ppm.runtime.config.LogConfig;
import io.partner.ppm.runtime.logs.LogRelay;
import io.partner.ppm.runtime.process.ChildProcesses;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Work on the supervisor loop that throws is reported in one line, and supervision goes on. */
class GuardedLoopTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    /** A plugin's restart policy with a bug: it throws on every decision. */
    private static final RestartPolicy BROKEN_POLICY = new RestartPolicy() {
        @Override
        public String name() {
            return "broken";
        }

        @Override
        public RestartDecision decide(RestartContext context) {
            throw new IllegalStateException("policy bug");
        }
    };

    private static ServiceSpec service(String name, String restart, Duration stopTimeout, String... command) {
        return ServiceSpec.builder(name, List.of(command)).restart(restart).stopTimeout(stopTimeout).build();
    }

    @Test
    void aFailingTaskIsReportedInOneLineAndSupervisionGoesOn() throws Exception {
        List<String> messages = new CopyOnWriteArrayList<>();
        try (ChildProcesses children = ChildProcesses.open();
             LogRelay relay = new LogRelay(LogConfig.DEFAULT, new ByteArrayOutputStream(), new ByteArrayOutputStream(), 10);
             EventBus events = new EventBus(messages::add);
             Supervisor supervisor = new Supervisor(children, relay,
                     new RestartPolicies(name -> Optional.of(BROKEN_POLICY)), events, Clock.systemUTC(),
                     new ServiceEnvironment(System.getenv(), dir), messages::add)) {
            supervisor.add(service("crasher", "broken", Duration.ofSeconds(5), "sh", "-c", "exit 1"));

            await().atMost(DEADLINE).until(() -> messages.stream().anyMatch(m -> m.contains("policy bug")));
            assertThat(messages).contains("internal error while handling an event of crasher (supervision goes on):"
                    + " java.lang.IllegalStateException: policy bug");
            assertThat(supervisor.internalFailures()).isEqualTo(1);

            // The loop still supervises: a stop of a service that ignores SIGTERM ends in SIGKILL on time.
            supervisor.add(service("stubborn", ServiceSpec.NEVER, Duration.ofMillis(200),
                    "sh", "-c", "trap '' TERM; while :; do sleep 0.05; done"));
            await().atMost(DEADLINE).until(() -> supervisor.service("stubborn").orElseThrow().state() == ServiceState.RUNNING);
            supervisor.stop("stubborn");
            await().atMost(Duration.ofSeconds(3))
                    .until(() -> supervisor.service("stubborn").orElseThrow().state() == ServiceState.FINISHED);
            assertThat(supervisor.service("stubborn").orElseThrow().lastSignal()).isEqualTo("KILL");
        }
    }
}
