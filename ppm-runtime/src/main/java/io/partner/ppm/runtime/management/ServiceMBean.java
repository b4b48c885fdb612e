package io.partner.ppm.runtime.management;

import io.partner.ppm.api.ServiceEvent;
import io.partner.ppm.api.ServiceHistory;
import io.partner.ppm.api.ServiceInfo;
import io.partner.ppm.api.ServiceStats;
import io.partner.ppm.api.Signal;
import io.partner.ppm.api.management.ServiceMXBean;
import io.partner.ppm.runtime.DaemonControl;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.AttributeChangeNotification;
import javax.management.MBeanNotificationInfo;
import javax.management.Notification;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

/**
 * {@link ServiceMXBean} for one service: reads the daemon's current view on every call and turns the
 * service's events into JMX notifications.
 */
final class ServiceMBean extends NotificationBroadcasterSupport implements ServiceMXBean {

    private static final MBeanNotificationInfo[] NOTIFICATIONS = {
        new MBeanNotificationInfo(new String[] {AttributeChangeNotification.ATTRIBUTE_CHANGE},
                AttributeChangeNotification.class.getName(), "The service's State changed"),
        new MBeanNotificationInfo(new String[] {RESTARTED, GAVE_UP},
                Notification.class.getName(), "The daemon restarted the service, or gave up restarting it"),
    };

    private final DaemonControl context;
    private final String name;
    private final ObjectName objectName;
    private final AtomicLong sequence = new AtomicLong();

    ServiceMBean(DaemonControl context, String name, ObjectName objectName) {
        super(NOTIFICATIONS);
        this.context = context;
        this.name = name;
        this.objectName = objectName;
    }

    ObjectName objectName() {
        return objectName;
    }

    /** Sends the notifications this event stands for, if any. Called on the daemon's event thread. */
    void publish(ServiceEvent event) {
        if (event.stateChanged()) {
            sendNotification(new AttributeChangeNotification(objectName, sequence.incrementAndGet(), event.timestamp(),
                    name + ": " + event.previous().label() + " -> " + event.state().label(), "State",
                    String.class.getName(), event.previous().label(), event.state().label()));
        }
        String type = switch (event.type()) {
            case RESTARTED -> RESTARTED;
            case GAVE_UP -> GAVE_UP;
            default -> null;
        };
        if (type != null) {
            Notification notification = new Notification(type, objectName, sequence.incrementAndGet(), event.timestamp(),
                    event.message() == null ? name + ": " + type : event.message());
            notification.setUserData(event.restarts());
            sendNotification(notification);
        }
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public String getState() {
        return info().state().label();
    }

    @Override
    public long getPid() {
        return info().pid();
    }

    @Override
    public int getExitCode() {
        return info().lastExitCode();
    }

    @Override
    public String getSignal() {
        return info().lastSignal();
    }

    @Override
    public int getRestarts() {
        return info().restarts();
    }

    @Override
    public int getTotalRestarts() {
        return info().totalRestarts();
    }

    @Override
    public long getNextRestart() {
        return info().nextRestartAt();
    }

    @Override
    public boolean isGaveUp() {
        return info().gaveUp();
    }

    @Override
    public String getReason() {
        return info().reason();
    }

    @Override
    public String getCommand() {
        return info().command();
    }

    @Override
    public long getUptime() {
        return info().uptimeMillis();
    }

    @Override
    public ServiceInfo getInfo() {
        return info();
    }

    @Override
    public ServiceStats getStats() {
        return info().stats();
    }

    @Override
    public ServiceHistory getHistory() {
        return JdkExceptions.call(() -> context.history(name));
    }

    @Override
    public void start() {
        JdkExceptions.run(() -> context.supervisor().start(name));
    }

    @Override
    public void stop() {
        JdkExceptions.run(() -> context.supervisor().stop(name));
    }

    @Override
    public void restart() {
        JdkExceptions.run(() -> context.supervisor().restart(name));
    }

    @Override
    public void signal(String signalName) {
        JdkExceptions.run(() -> context.supervisor().signal(name, Signal.parse(signalName)));
    }

    @Override
    public void pause() {
        JdkExceptions.run(() -> context.supervisor().signal(name, Signal.STOP));
    }

    @Override
    public void resume() {
        JdkExceptions.run(() -> context.supervisor().signal(name, Signal.CONT));
    }

    private ServiceInfo info() {
        return JdkExceptions.call(() -> context.supervisor().service(name)
                .orElseThrow(() -> new IllegalStateException("service '" + name + "' was removed")));
    }
}
