package io.partner.ppm.runtime.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpawnFailureTest {

    private static final Map<String, String> ENV = Map.of("PATH", "/usr/bin:/bin");
    private static final int ENOENT = 2;
    private static final int EACCES = 13;
    private static final int ENOEXEC = 8;
    private static final int ENOTDIR = 20;

    private static ChildProcesses processes;

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

    private SpawnException spawnFailure(SpawnRequest request) {
        try {
            ChildProcess child = processes.spawn(request, new RecordingListener());
            child.closeStreams();
            throw new AssertionError("expected a SpawnException, but pid " + child.pid() + " started");
        } catch (SpawnException e) {
            return e;
        }
    }

    @Test
    void missingProgramIsReportedWithItsPath() {
        SpawnException failure = spawnFailure(SpawnRequest.of(List.of("/app/bin/x"), ENV));

        assertThat(failure.errno()).isEqualTo(ENOENT);
        assertThat(failure).hasMessage("exec failed: /app/bin/x: No such file or directory");
    }

    @Test
    void commandNotOnThePathIsReportedWithThePathSearched() {
        SpawnException failure = spawnFailure(SpawnRequest.of(List.of("no-such-command-ppm"), ENV));

        assertThat(failure.errno()).isEqualTo(ENOENT);
        assertThat(failure).hasMessage(
                "exec failed: no-such-command-ppm: No such file or directory (searched PATH /usr/bin:/bin)");
    }

    @Test
    void fileWithoutExecutePermissionIsReportedAsPermissionDenied() throws Exception {
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nexit 0\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rw-r--r--"));

        SpawnException failure = spawnFailure(SpawnRequest.of(List.of(script.toString()), ENV));

        assertThat(failure.errno()).isEqualTo(EACCES);
        assertThat(failure).hasMessage("exec failed: " + script + ": Permission denied (not executable)");
    }

    @Test
    void directoryIsNotAProgram() {
        SpawnException failure = spawnFailure(SpawnRequest.of(List.of(dir.toString()), ENV));

        assertThat(failure.errno()).isEqualTo(EACCES);
        assertThat(failure).hasMessageEndingWith("Permission denied (it is a directory)");
    }

    @Test
    void executableThatTheKernelCannotRunIsReportedByPosixSpawn() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage"), new byte[] {0x7f, 'E', 'L', 'F', 0, 0, 0, 0});
        Files.setPosixFilePermissions(garbage, PosixFilePermissions.fromString("rwxr-xr-x"));
        long orphansBefore = processes.orphansReaped();

        SpawnException failure = spawnFailure(SpawnRequest.of(List.of(garbage.toString()), ENV));

        assertThat(failure.errno()).isEqualTo(ENOEXEC);
        assertThat(failure).hasMessage("exec failed: " + garbage + ": Exec format error");
        // glibc collects the child whose exec failed; the reaper must not count it as an orphan.
        assertThat(processes.orphansReaped()).isEqualTo(orphansBefore);
    }

    @Test
    void missingWorkingDirectoryIsReportedAsCwd() {
        Path missing = dir.resolve("x");

        SpawnException failure = spawnFailure(new SpawnRequest(List.of("true"), ENV, missing, null));

        assertThat(failure.errno()).isEqualTo(ENOENT);
        assertThat(failure).hasMessage("cwd " + missing + ": No such file or directory");
    }

    @Test
    void workingDirectoryThatIsAFileIsReportedAsNotADirectory() throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");

        SpawnException failure = spawnFailure(new SpawnRequest(List.of("true"), ENV, file, null));

        assertThat(failure.errno()).isEqualTo(ENOTDIR);
        assertThat(failure).hasMessage("cwd " + file + ": Not a directory");
    }

    @Test
    void unknownUserIsReportedByName() {
        SpawnException failure = spawnFailure(new SpawnRequest(List.of("true"), ENV, null, "no-such-user-ppm"));

        assertThat(failure.errno()).isEqualTo(ENOENT);
        assertThat(failure).hasMessageStartingWith("user 'no-such-user-ppm': no such user in /etc/passwd");
    }

    @Test
    void failedSpawnsLeakNoDescriptors() throws Exception {
        spawnFailure(SpawnRequest.of(List.of("/app/bin/x"), ENV));
        long pipesBefore = ProcFs.openPipesOfThisJvm();

        for (int i = 0; i < 20; i++) {
            spawnFailure(SpawnRequest.of(List.of("/app/bin/x"), ENV));
            spawnFailure(SpawnRequest.of(List.of(dir.toString()), ENV));
        }

        assertThat(ProcFs.openPipesOfThisJvm()).isEqualTo(pipesBefore);
    }

    @Test
    void malformedRequestsAreRefusedBeforeAnythingStarts() {
        assertThatThrownBy(() -> SpawnRequest.of(List.of(), ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("empty command");
        assertThatThrownBy(() -> SpawnRequest.of(List.of("true"), Map.of("A=B", "c")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("invalid environment variable name 'A=B'");
        assertThatThrownBy(() -> SpawnRequest.of(List.of("echo", "a\0b"), ENV))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("NUL");
    }
}
