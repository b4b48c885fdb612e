package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.partner.ppm.api.Signal;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a spawned child finds when it starts: its environment, directory, descriptors, session, signals, user. */
class SpawnedChildTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");

    private static ChildProcesses processes;

    private final List<Long> started = new ArrayList<>();

    @TempDir
    Path dir;

    @BeforeAll
    static void open() {
        processes = ChildProcesses.open();
    }

    @AfterAll
    static void close() {
        processes.close();
    }

    @AfterEach
    void killLeftovers() {
        started.forEach(pid -> processes.signalGroup(pid, Signal.KILL.number()));
    }

    /** Runs a child to its end and returns what it wrote to stdout and stderr. */
    private String[] outputOf(SpawnRequest request) throws Exception {
        RecordingListener listener = new RecordingListener();
        ChildProcess child = processes.spawn(request, listener);
        String out;
        String err;
        try (InputStream stdout = child.stdout(); InputStream stderr = child.stderr()) {
            out = new String(stdout.readAllBytes(), StandardCharsets.UTF_8);
            err = new String(stderr.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(listener.termination().toExitStatus().describe()).isEqualTo("exit code 0");
        return new String[] {out, err};
    }

    private ChildProcess sleeper() throws SpawnException {
        ChildProcess child = processes.spawn(SpawnRequest.of(List.of("sleep", "30"), ENV), new RecordingListener());
        child.closeStreams();
        started.add(child.pid());
        return child;
    }

    @Test
    void childGetsExactlyTheGivenEnvironment() throws Exception {
        String[] output = outputOf(SpawnRequest.of(List.of("env"), Map.of("PATH", "/usr/bin:/bin", "GREETING", "hello world")));

        assertThat(output[0].lines().sorted().toList()).containsExactly("GREETING=hello world", "PATH=/usr/bin:/bin");
    }

    @Test
    void childRunsInTheGivenDirectory() throws Exception {
        String[] output = outputOf(new SpawnRequest(List.of("pwd"), ENV, dir, null));

        assertThat(output[0]).isEqualTo(dir.toRealPath() + "\n");
    }

    @Test
    void stdoutAndStderrArriveOnTheirOwnStreams() throws Exception {
        String[] output = outputOf(SpawnRequest.of(List.of("sh", "-c", "echo to-out; echo to-err >&2"), ENV));

        assertThat(output[0]).isEqualTo("to-out\n");
        assertThat(output[1]).isEqualTo("to-err\n");
    }

    @Test
    void commandIsLookedUpInTheChildsPathNotTheDaemons() throws Exception {
        Path bin = Files.createDirectory(dir.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("ppm-test-tool"), "#!/bin/sh\necho found me\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        String[] output = outputOf(SpawnRequest.of(List.of("ppm-test-tool"), Map.of("PATH", bin + ":/usr/bin:/bin")));

        assertThat(output[0]).isEqualTo("found me\n");
    }

    @Test
    void relativeProgramPathIsRelativeToTheChildsDirectory() throws Exception {
        Path tool = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho ran in $(pwd)\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));

        String[] output = outputOf(new SpawnRequest(List.of("./run.sh"), ENV, dir, null));

        assertThat(output[0]).isEqualTo("ran in " + dir.toRealPath() + "\n");
    }

    @Test
    void childInheritsOnlyStdinStdoutAndStderr() throws Exception {
        Path someFile = Files.writeString(dir.resolve("held-open"), "x");
        try (FileInputStream heldOpen = new FileInputStream(someFile.toFile())) {
            assertThat(heldOpen.getFD().valid()).isTrue();

            ChildProcess child = startedChild();

            assertThat(ProcFs.fds(child.pid())).containsExactly(0, 1, 2);
            assertThat(ProcFs.target(Path.of("/proc", Long.toString(child.pid()), "fd", "0"))).isEqualTo("/dev/null");
        }
    }

    /**
     * A child that has finished starting and then waits. Right after the spawn its dynamic loader
     * may still hold {@code ld.so.cache} or {@code libc.so.6} open as fd 3 for an instant; the
     * shell says so once it runs its own commands, and opens nothing afterwards.
     */
    private ChildProcess startedChild() throws Exception {
        ChildProcess child = processes.spawn(
                SpawnRequest.of(List.of("sh", "-c", "sleep 30 & echo started; wait"), ENV), new RecordingListener());
        started.add(child.pid());
        try {
            assertThat(firstLine(child.stdout())).isEqualTo("started");
        } finally {
            child.closeStreams();
        }
        return child;
    }

    private static String firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    @Test
    void childCannotSeeOtherDescriptorsEvenWhenItListsThemItself() throws Exception {
        // The shell lists its own descriptors: only 0, 1 and 2 may be there.
        String[] output = outputOf(SpawnRequest.of(List.of("sh", "-c", "ls /proc/$$/fd"), ENV));

        assertThat(output[0].lines().toList()).containsExactly("0", "1", "2");
    }

    @Test
    void childLeadsItsOwnSessionAndProcessGroup() throws Exception {
        ChildProcess child = sleeper();

        ProcStat stat = ProcFs.stat(child.pid());
        assertThat(stat.pgrp()).isEqualTo(child.pid());
        assertThat(stat.session()).isEqualTo(child.pid());
        assertThat(stat.ppid()).isEqualTo(ChildProcesses.currentPid());
    }

    @Test
    void childStartsWithNoSignalBlockedOrIgnored() throws Exception {
        ChildProcess child = sleeper();

        assertThat(ProcFs.statusField(child.pid(), "SigBlk")).isEqualTo("0000000000000000");
        assertThat(ProcFs.statusField(child.pid(), "SigIgn")).isEqualTo("0000000000000000");
    }

    @Test
    void childRunsAsTheRequestedUser() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "switching users needs root");

        String[] output = outputOf(new SpawnRequest(List.of("sh", "-c", "id -u; id -g; id -G"), ENV, null, "nobody"));

        assertThat(output[0].lines().toList()).containsExactly("65534", "65534", "65534");
    }

    @Test
    void numericUserWithoutPasswdEntryGetsNoSupplementaryGroups() throws Exception {
        assumeTrue(new com.sun.security.auth.module.UnixSystem().getUid() == 0, "switching users needs root");

        String[] output = outputOf(new SpawnRequest(List.of("sh", "-c", "id -u; id -G"), ENV, null, "54321:54322"));

        assertThat(output[0].lines().toList()).containsExactly("54321", "54322");
    }
}
