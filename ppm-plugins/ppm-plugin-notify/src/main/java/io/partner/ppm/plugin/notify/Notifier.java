package io.partner.ppm.plugin.notify;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.spi.ConfigContribution;
import io.partner.ppm.api.spi.DaemonExtension;
import io.partner.ppm.api.spi.ServiceEventListener;
import io.partner.ppm.api.spi.SupervisorContext;
import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * Owns the {@code notify:} section and turns service events into notifications. {@link #onEvent} runs
 * on the daemon's event thread and only filters, rate-limits and hands over: sending happens on the
 * {@link Dispatcher}'s threads.
 */
@Extension
public class Notifier implements ConfigContribution, ServiceEventListener, DaemonExtension {

    private static final System.Logger LOG = System.getLogger(Notifier.class.getName());

    private final RateLimiter limiter = new RateLimiter();
    private final Dispatcher dispatcher = new Dispatcher();
    private final String host = hostName();
    private volatile NotifySettings settings = NotifySettings.NONE;
    private volatile Clock clock = Clock.systemUTC();

    @Override
    public Set<String> sections() {
        return Set.of(NotifySettings.SECTION);
    }

    @Override
    public void validateSection(String section, Object value) {
        NotifySettings.parse(value);
    }

    @Override
    public void configure(Map<String, Object> sections) {
        settings = NotifySettings.parse(sections.get(NotifySettings.SECTION));
    }

    @Override
    public void start(SupervisorContext context) {
        clock = context.clock();
        dispatcher.useContext(context);
    }

    @Override
    public void stop() {
        dispatcher.shutdown();
    }

    @Override
    public void onEvent(ServiceEvent event) {
        String name = Notification.eventName(event.type());
        NotifySettings current = settings;
        if (name == null || current.targets().stream().noneMatch(t -> t.wants(name, event.service()))) {
            return;
        }
        if (!limiter.tryAcquire(event.service(), clock.instant(), current.rateLimit())) {
            return;
        }
        int held = limiter.takeSuppressed(event.service());
        if (held > 0) {
            LOG.log(Level.WARNING, "notify: " + held + " notification(s) about " + event.service()
                    + " were held back by notify.rate_limit");
        }
        Notification notification = Notification.of(event, host);
        for (var target : current.targets()) {
            if (target.wants(name, event.service())) {
                dispatcher.send(target, notification);
            }
        }
    }

    /** The container's host name: $HOSTNAME when set (no lookup), else what the JDK finds. */
    private static String hostName() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
