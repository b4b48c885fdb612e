/**
 * The native process layer: starting services with {@code posix_spawn}, collecting every child's
 * exit with one reaper thread, waiting for their output without a thread per pipe, signalling, and
 * finding a service's processes in {@code /proc}.
 *
 * <p>{@link io.partner.ppm.runtime.process.ChildProcesses} is the entry point. A child's stdout and
 * stderr come back as {@link io.partner.ppm.runtime.process.PipeInput}s, which a
 * {@link io.partner.ppm.runtime.process.ReadinessPoller} can watch with {@code epoll}, so that
 * reading many quiet pipes takes one thread instead of one per pipe. All calls into the C
 * library (the FFM API, {@code java.lang.foreign}) stay in this package: no other package sees a
 * {@code MemorySegment}. The JVM needs {@code --enable-native-access=ALL-UNNAMED} (or the jar
 * manifest's {@code Enable-Native-Access}).
 *
 * <p>"The processes of a service" has one definition, {@link io.partner.ppm.runtime.process.ServiceMembership},
 * applied to one picture of {@code /proc}, {@link io.partner.ppm.runtime.process.ProcessSnapshot} (read
 * with the one {@code /proc/PID/stat} parser, {@link io.partner.ppm.runtime.process.StatLine}): stopping
 * a service and measuring it (the {@code stats} package) both use them.
 */
package io.partner.ppm.runtime.process;
