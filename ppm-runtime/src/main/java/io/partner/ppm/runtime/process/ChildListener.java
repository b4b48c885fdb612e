package io.partner.ppm.runtime.process;

/**
 * Receives the state changes of one child process.
 *
 * <p><b>Runs on the reaper thread.</b> While a listener runs, no other child's exit is collected,
 * so a listener must only hand the event on (put it on a queue) and return; it must never block,
 * spawn, or wait for another child. An exception thrown by a listener is logged and ignored.
 */
@FunctionalInterface
public interface ChildListener {

    void onChildEvent(ChildEvent event);
}
