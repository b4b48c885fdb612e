package io.partner.ppm.runtime.process;

/**
 * A child that {@link ChildProcesses#spawn} started.
 *
 * <p>The streams are the parent's ends of the child's stdout and stderr pipes. They reach end of
 * file once the child and every process that inherited the pipe have closed it. Whoever reads
 * them must close them (each closes its file descriptor exactly once; closing again does nothing).
 * Read them as plain input streams on a platform thread (a read waits for data and would hold a
 * virtual thread's carrier), or hand them to a {@link ReadinessPoller} so that no thread waits.
 *
 * @param pid the child's process id; it leads its own session and process group (pid = pgid = sid)
 * @param stdout the child's standard output; null for a child on the daemon's terminal
 * @param stderr the child's standard error; null for a child on the daemon's terminal
 */
public record ChildProcess(long pid, PipeInput stdout, PipeInput stderr) {

    /** Closes both streams: for when the output is not wanted any more. */
    public void closeStreams() {
        if (stdout != null) {
            stdout.close();
        }
        if (stderr != null) {
            stderr.close();
        }
    }
}
