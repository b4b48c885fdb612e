package io.partner.ppm.plugin.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.ExitStatus;
import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceState;
import org.junit.jupiter.api.Test;

class NotificationTest {

    @Test
    void webhookJsonCarriesTheEventAndSlackText() {
        Notification n = Notification.of(Events.crashed("web", 3), "box");

        assertThat(n.json(false)).isEqualTo("{\"host\":\"box\",\"service\":\"web\",\"event\":\"crashed\",\"state\":\"Crashed\","
                + "\"exit_code\":3,\"signal\":null,\"restarts\":2,\"message\":\"exit code 3\",\"time\":\"2026-01-01T00:00:00Z\"}");
        assertThat(n.json(true)).endsWith(",\"text\":\"[box] web crashed (exit code 3)\"}");
    }

    @Test
    void killedProcessReportsItsSignalNotAnExitCode() {
        Notification n = Notification.of(Events.killed("web", 9), "box");

        assertThat(n.exitCode()).isNull();
        assertThat(n.signal()).isEqualTo("KILL");
        assertThat(n.text()).isEqualTo("[box] web crashed (killed by SIGKILL)");
        assertThat(n.env()).containsEntry("PPM_SIGNAL", "KILL").containsEntry("PPM_EXIT_CODE", "");
    }

    @Test
    void textIsEscapedInJson() {
        ServiceEvent event = new ServiceEvent(ServiceEvent.Type.GAVE_UP, "web", ServiceState.CRASHED, ServiceState.CRASHED,
                (ExitStatus) null, 5, 0, "said \"no\"\n\tand\\left\u0001", Events.T0);

        String json = Notification.of(event, "box").json(false);

        assertThat(json).contains("\"message\":\"said \\\"no\\\"\\n\\tand\\\\left\\u0001\"");
        assertThat(json).contains("\"event\":\"gave_up\"");
    }

    @Test
    void onlyLifecycleEventsAreNotified() {
        assertThat(Notification.eventName(ServiceEvent.Type.RESTARTED)).isEqualTo("restarted");
        assertThat(Notification.eventName(ServiceEvent.Type.GAVE_UP)).isEqualTo("gave_up");
        assertThat(Notification.eventName(ServiceEvent.Type.ADDED)).isNull();
        assertThat(Notification.eventName(ServiceEvent.Type.RESTART_SCHEDULED)).isNull();
    }
}
