package io.partner.ppm.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daemon as its own process, tried the way an unlucky operator would: a stalled log driver,
 * a broken file on SIGHUP. Whatever happens it keeps supervising and stops within
 * {@code shutdown.timeout}.
 */
class DaemonFaultsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    private ProcessBuilder daemon(Path config, String... trailing) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                "io.partner.ppm.cli.Ppm", "daemon", "--config", config.toString()));
        command.addAll(List.of(trailing));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("PPM_RUNTIME_FILE", dir.resolve("run/daemon.json").toString());
        return builder;
    }

    private Process start(ProcessBuilder builder) throws IOException {
        Process process = builder.start();
        started.add(process);
        return process;
    }

    private List<String> lines(Path file) throws IOException {
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
    }

    @Test
    void aStalledOutputDoesNotStopSupervisionNorTheShutdown() throws Exception {
        Path pids = dir.resolve("pids");
        Path config = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                services:
                  - name: chatty
                    command: [yes, "a chatty service fills the daemon's output"]
                  - name: victim
                    command: [sh, -c, 'echo $$ >> %s; exec sleep 1000']
                    restart: always
                    backoff: { interval: 100ms }
                """.formatted(pids));
        // stdout and stderr: one pipe that nobody reads, as a stalled log driver.
        Process daemon = start(daemon(config).redirectErrorStream(true));

        await().atMost(DEADLINE).until(() -> lines(pids).size() == 1);
        await().atMost(DEADLINE).until(() -> relayBlockedInWrite(daemon.pid()));
        long first = Long.parseLong(lines(pids).getFirst().strip());
        new ProcessBuilder("kill", "-KILL", Long.toString(first)).start().waitFor();

        await("the SIGKILLed service is restarted").atMost(Duration.ofSeconds(5))
                .until(() -> lines(pids).size() >= 2);
        long signalled = System.nanoTime();
        daemon.destroy(); // SIGTERM
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).as("daemon exits").isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - signalled);
        assertThat(took).as("exit within shutdown.timeout").isLessThan(Duration.ofMillis(3_500));
        assertThat(daemon.exitValue()).isZero();
        for (String pid : lines(pids)) {
            await("service process " + pid + " is gone").atMost(Duration.ofSeconds(2))
                    .until(() -> !Files.exists(Path.of("/proc", pid.strip())));
        }
    }

    @Test
    void sighupWithABrokenFileSaysWhereOnTheDaemonsStderrAndKeepsTheRunningServices() throws Exception {
        Path config = Files.writeString(dir.resolve("ppm.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                services:
                  - name: web
                    command: [sleep, "1000"]
                """);
        Path err = dir.resolve("err.txt");
        Process daemon = start(daemon(config).redirectOutput(dir.resolve("out.txt").toFile()).redirectError(err.toFile()));
        await().atMost(DEADLINE).until(() -> Files.readString(err).contains("web: started"));

        Files.writeString(config, """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                services:
                  - name: web
                    command: [sleep, "1000"
                  - name: other
                """);
        new ProcessBuilder("kill", "-HUP", Long.toString(daemon.pid())).start().waitFor();

        await().atMost(DEADLINE).until(() -> Files.readString(err).contains("reload refused"));
        assertThat(Files.readString(err)).contains("ppm | reload refused: " + config + ":");
        daemon.destroy();
        assertThat(daemon.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Files.readString(err)).doesNotContain("\tat ").contains("stopped, exit code 0");
    }

    /**
     * Drives {@code ppm daemon -- CMD} on a pseudo-terminal, as {@code docker run -it} does: waits for
     * {@code expect}, types {@code input} (a sequence of "wait-for=>then-type" steps), and prints the
     * daemon's exit code as {@code EXIT n}.
     */
    private static final String PTY_DRIVER = """
            import os, pty, select, sys, time
            steps, argv = sys.argv[1], sys.argv[2:]
            pid, fd = pty.fork()
            if pid == 0:
                os.execv(argv[0], argv)
            seen = b''
            def wait_for(token):
                global seen
                end = time.time() + 60
                while token not in seen:
                    left = end - time.time()
                    if left <= 0:
                        sys.exit('timed out waiting for %r, got %r' % (token, seen[-3000:]))
                    ready, _, _ = select.select([fd], [], [], left)
                    if ready:
                        try:
                            data = os.read(fd, 4096)
                        except OSError:
                            data = b''
                        if not data:
                            sys.exit('end of output waiting for %r, got %r' % (token, seen[-3000:]))
                        seen += data
                seen = seen[seen.index(token) + len(token):]
            def unescape(text):
                return text.encode().decode('unicode_escape').encode('latin-1')
            for step in steps.split('|'):
                token, typed = step.split('=>')
                wait_for(unescape(token))
                os.write(fd, unescape(typed))
            while True:
                try:
                    if not os.read(fd, 4096):
                        break
                except OSError:
                    break
            _, status = os.waitpid(pid, 0)
            print('EXIT %d' % os.waitstatus_to_exitcode(status))
            """;

    private String onTerminal(String steps, String... command) throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(onPath("python3"), "python3 drives the pseudo-terminal");
        Path driver = Files.writeString(dir.resolve("pty_driver.py"), PTY_DRIVER);
        Path config = Files.writeString(dir.resolve("tty.yml"), """
                daemon:
                  jmx: { enabled: false }
                  jolokia: { enabled: false }
                  shutdown: { timeout: 3s }
                """);
        List<String> argv = new ArrayList<>(List.of("python3", driver.toString(), steps));
        argv.addAll(daemon(config, command).command());
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true);
        builder.environment().put("PPM_RUNTIME_FILE", dir.resolve("run/daemon.json").toString());
        Process process = start(builder);
        assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("the terminal session ends").isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }

    @Test
    void onATerminalTheMainCommandReadsWhatIsTypedAndCtrlCReachesIt() throws Exception {
        // An interactive shell: it reads typed commands; Ctrl-C reaches it (it survives, as shells do), not the daemon.
        // Each key is typed once the shell shows it is ready: a Ctrl-C flushes what is typed after it.
        String shell = onTerminal("main: started=>echo $((6*7))\\n|42=>|# =>\\x03|^C=>|# =>exit 5\\n",
                "--", "sh", "-i");
        assertThat(shell).as(shell).contains("EXIT 5");

        // cat ends on Ctrl-C, and the daemon exits with its code: 128 + SIGINT.
        String cat = onTerminal("main: started=>typed line\\n|typed line\\r\\ntyped line=>\\x03", "--", "cat");
        assertThat(cat).as(cat).contains("EXIT 130");
    }

    private static boolean onPath(String program) {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!directory.isEmpty() && Files.isExecutable(Path.of(directory, program))) {
                return true;
            }
        }
        return false;
    }

    /** True once the relay's poller thread waits in a write to the daemon's full stdout pipe. */
    private static boolean relayBlockedInWrite(long daemonPid) throws IOException {
        try (var tasks = Files.list(Path.of("/proc", Long.toString(daemonPid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().startsWith("ppm-relay-poll")
                            && Files.readString(task.resolve("wchan")).contains("pipe_write")) {
                        return true;
                    }
                } catch (IOException gone) {
                    // The thread ended meanwhile.
                }
            }
        }
        return false;
    }
}
