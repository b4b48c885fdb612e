package io.partner.ppm.runtime.process;

/**
 * Receives the state changes of one child process.
 *
 * <p><b>Runs on the reaper thread.</b> While a listener runs, no other child's exit is collected,
 * so a listener must only hand the event on (put it on a queue) and return; it must never block,
 * spawn, or wait for another child. An exception thrown by a listener is logged and ignored.
 *
 * <p>Events of one child arrive in the order they happened. The first may arrive before
 * {@link ChildProcesses#spawn} has returned the child to its caller (a child can exit at once), so
 * whoever consumes the queue must accept an event for a pid it has not recorded yet.
 */
@FunctionalInterface
public interface ChildListener {

    void onChildEvent(ChildEvent event);
}
