package io.partner.ppm.runtime.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.LogFileSpec;
import io.partner.ppm.runtime.config.LogConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogRelayFileTest {

    @TempDir
    Path dir;

    @Test
    void fileRotatesAtMaxSizeAndTheFilesTogetherHoldEveryLineInOrder() throws Exception {
        Path file = dir.resolve("logs/web.log");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", new LogFileSpec(file.toString(), 10_000, 100));
            harness.sh("web", "seq 1 20000; seq 20001 20010 >&2");
            harness.drain();
        }

        List<Path> files = filesOldestFirst(file, 100);
        assertThat(files.size()).isGreaterThan(10);
        for (Path each : files) {
            assertThat(Files.size(each)).isLessThanOrEqualTo(10_000);
        }
        // Both streams go to the file; each keeps its order (the two pipes race each other).
        List<String> lines = concatenatedLines(files);
        assertThat(lines).filteredOn(line -> Integer.parseInt(line) <= 20000)
                .containsExactlyElementsOf(numbers(1, 20000));
        assertThat(lines).filteredOn(line -> Integer.parseInt(line) > 20000)
                .containsExactlyElementsOf(numbers(20001, 20010));
    }

    @Test
    void onlyMaxFilesRotatedFilesAreKeptHoldingTheNewestLines() throws Exception {
        Path file = dir.resolve("web.log");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", new LogFileSpec(file.toString(), 4_000, 2));
            harness.run("web", "seq", "1", "10000");
            harness.drain();
        }

        assertThat(dir.resolve("web.log.2")).exists();
        assertThat(dir.resolve("web.log.3")).doesNotExist();
        List<String> kept = concatenatedLines(filesOldestFirst(file, 2));
        int first = Integer.parseInt(kept.getFirst());
        assertThat(first).isGreaterThan(1);
        assertThat(kept).containsExactlyElementsOf(numbers(first, 10000));
    }

    @Test
    void lineLargerThanMaxSizeGetsAFileOfItsOwnAndPiecesEndWithNewlines() throws Exception {
        Path file = dir.resolve("big.log");
        Path input = dir.resolve("input");
        String longLine = "y".repeat(100 * 1024);
        Files.writeString(input, "before\n" + longLine + "\nafter");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("big", new LogFileSpec(file.toString(), 1_000, 5));
            harness.run("big", "cat", input.toString());
            harness.drain();
        }

        List<Path> files = filesOldestFirst(file, 5);
        assertThat(files).hasSize(4);
        assertThat(Files.readString(files.get(0))).isEqualTo("before\n");
        assertThat(Files.readString(files.get(1))).isEqualTo(longLine.substring(0, 64 * 1024) + "\n");
        assertThat(Files.readString(files.get(2))).isEqualTo(longLine.substring(64 * 1024) + "\n");
        assertThat(Files.readString(files.get(3))).isEqualTo("after\n");
    }

    @Test
    void reRegisteringSwitchesTheFileAndUnregisteringClosesIt() throws Exception {
        Path first = dir.resolve("first.log");
        Path second = dir.resolve("second.log");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", new LogFileSpec(first.toString(), 1_000_000, 1));
            harness.sh("web", "echo one");
            harness.drain();
            harness.relay.register("web", new LogFileSpec(second.toString(), 1_000_000, 1));
            harness.sh("web", "echo two");
            harness.drain();
            harness.relay.unregister("web");
            harness.sh("web", "echo three");
            harness.drain();

            assertThat(harness.stdoutLines()).containsExactly("web | one", "web | two", "web | three");
        }
        assertThat(first).hasContent("one");
        assertThat(second).hasContent("two");
    }

    @Test
    void fileThatCannotBeOpenedIsReportedAndTheServiceIsStillRelayed() throws Exception {
        Path blocker = dir.resolve("not-a-dir");
        Files.writeString(blocker, "");
        try (RelayHarness harness = new RelayHarness(LogConfig.DEFAULT, 100)) {
            harness.relay.register("web", new LogFileSpec(blocker.resolve("web.log").toString(), 1_000, 1));
            harness.sh("web", "echo still here");
            harness.drain();

            assertThat(harness.stdoutLines()).containsExactly("web | still here");
            assertThat(harness.stderrLines()).singleElement().asString()
                    .startsWith("ppm | log file " + blocker.resolve("web.log") + " of web cannot be opened: ");
        }
    }

    /** {@code file.n}, ..., {@code file.1}, {@code file}: those that exist. */
    private static List<Path> filesOldestFirst(Path file, int maxFiles) {
        List<Path> files = new ArrayList<>();
        for (int n = maxFiles; n >= 1; n--) {
            Path rotated = file.resolveSibling(file.getFileName() + "." + n);
            if (Files.exists(rotated)) {
                files.add(rotated);
            }
        }
        if (Files.exists(file)) {
            files.add(file);
        }
        return files;
    }

    private static List<String> concatenatedLines(List<Path> files) throws IOException {
        List<String> lines = new ArrayList<>();
        for (Path each : files) {
            String text = Files.readString(each);
            assertThat(text).as("%s ends with a whole line", each).endsWith("\n");
            lines.addAll(text.lines().toList());
        }
        return lines;
    }

    private static List<String> numbers(int from, int to) {
        return IntStream.rangeClosed(from, to).mapToObj(Integer::toString).toList();
    }
}
