/**
 * The supervisor: one loop that owns the state of every service and applies every change to it.
 *
 * <p>Threads: the {@code ppm-supervisor} thread runs everything that reads or writes service state
 * (spawning, child events, restart timers, stop procedures, requests from JMX, the CLI, signals and
 * plugins). The process layer's reaper thread only posts child events to it; operations called from
 * other threads are submitted to it and wait for their result. Events go out in order on the
 * {@code ppm-events} thread, so a slow listener never delays supervision. Readers see immutable
 * snapshots published after each change, without taking a lock.
 *
 * <p>Who does what: {@code Supervisor} decides <em>when</em> a service starts, stops or restarts;
 * {@code ManagedService} knows <em>how</em> (its transition methods change the fields that belong
 * together and publish); {@code SupervisorLoop} is the thread; {@code Stops} runs the stop procedures
 * and the shutdown; {@code ConfigDiff} says what a reload changes.
 */
package io.partner.ppm.runtime.supervisor;
