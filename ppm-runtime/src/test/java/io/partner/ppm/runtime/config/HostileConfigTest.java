package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.io.TempDir;

/**
 * Input built to hurt: alias bombs, deep nesting, huge values, files that are not files, NUL characters.
 * Each is refused with one line naming where, quickly, with little memory and without a stack overflow.
 */
class HostileConfigTest {

    /** Far below what any refusal here needs; a hang shows as a timeout, not a stuck build. */
    private static final Duration QUICKLY = Duration.ofSeconds(10);

    @TempDir
    Path dir;

    private final ConfigLoader loader = new ConfigLoader(Map.of(), ScheduleContribution.extensions());

    // --- alias bombs, nesting, sizes ---

    /** Nine levels of nine aliases: 9^9 (387 million) values once expanded, from 1 KB of text. */
    static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n");
        for (int level = 1; level <= 9; level++) {
            String alias = "*l" + (level - 1);
            yaml.append("l").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(9, alias))).append("]\n");
        }
        return yaml.toString();
    }

    @Test
    void anAliasBombInTheFileIsRefusedAtTheAliasThatCrossesTheLimit() throws Exception {
        Path file = Files.writeString(dir.resolve("ppm.yml"), billionLaughs() + "services: []\n");

        ConfigException e = refusal(() -> loader.load(file));

        assertThat(e.getMessage()).startsWith(file + ":").contains("more than 200000 values with the aliases expanded");
    }

    @Test
    void anAliasBombAsAServiceDefinitionIsRefused() {
        String definition = "name: bomb\ncommand: [echo]\nenv:\n  X: x\n" + "bomb:\n"
                + billionLaughs().indent(2);

        ConfigException e = refusal(() -> loader.parseService(definition, DaemonConfig.empty()));

        assertThat(e.getMessage()).startsWith("service definition:").contains("aliases expanded");
    }

    @Test
    void aliasesThatStayWithinTheLimitStillWork() throws Exception {
        StringBuilder yaml = new StringBuilder("defaults: &base\n  restart: always\n  env: {A: a, B: b}\nservices:\n");
        for (int i = 0; i < 1000; i++) {
            yaml.append("  - <<: *base\n    name: s").append(i).append("\n    command: [sleep, \"1\"]\n");
        }
        Path file = Files.writeString(dir.resolve("ppm.yml"), yaml.toString().replace("defaults: &base", "x-base: &base")
                .replaceFirst("x-base", "defaults"));

        assertThat(loader.load(file).services()).hasSize(1000).allSatisfy(s -> assertThat(s.restart()).isEqualTo("always"));
    }

    @Test
    void nestingNineHundredDeepIsRefusedWithoutAStackOverflow() {
        String flow = "services: " + "[".repeat(900) + "]".repeat(900) + "\n";
        StringBuilder block = new StringBuilder("services:\n");
        for (int depth = 1; depth <= 900; depth++) {
            block.append("  ".repeat(depth)).append("k").append(depth).append(":\n");
        }

        for (String yaml : new String[] {flow, block.toString()}) {
            ConfigException e = refusal(() -> loader.loadText(yaml, "ppm.yml"));

            assertThat(e.getMessage()).matches("ppm.yml:\\d+:\\d+: document nesting depth \\(101\\) exceeds the maximum allowed \\(100\\)");
        }
    }

    @Test
    void aFiftyMegabyteScalarIsRefusedBeforeItIsRead() throws Exception {
        Path file = dir.resolve("ppm.yml");
        try (var out = Files.newOutputStream(file)) {
            out.write("services:\n  - name: big\n    command: [\"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(1024 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 50; i++) {
                out.write(chunk);
            }
            out.write("\"]\n".getBytes(StandardCharsets.US_ASCII));
        }

        assertThat(refusal(() -> loader.load(file))).hasMessage("config file " + file + ": too large (more than 4 MiB)");
    }

    @Test
    void aFileJustOverTheLimitIsRefusedAndOneAtTheLimitIsRead() throws Exception {
        String comment = "#" + "x".repeat(1022) + "\n";
        Path atLimit = Files.writeString(dir.resolve("at.yml"), comment.repeat(4 * 1024));
        Path over = Files.writeString(dir.resolve("over.yml"), comment.repeat(4 * 1024) + "\n");

        assertThat(loader.load(atLimit).services()).isEmpty();
        assertThat(refusal(() -> loader.load(over))).hasMessage("config file " + over + ": too large (more than 4 MiB)");
    }

    @Test
    void aLongServiceDefinitionIsRefusedBeforeParsing() {
        String definition = "{\"name\": \"big\", \"command\": [\"" + "x".repeat(50 * 1024 * 1024) + "\"]}";

        ConfigException e = refusal(() -> loader.parseService(definition, DaemonConfig.empty()));

        assertThat(e).hasMessage("service definition: too large (52428832 characters, at most 1048576)");
    }

    @Test
    void aControlCharacterInTheTextIsRefusedAtItsPlace() {
        assertThat(refusal(() -> loader.loadText("services: []\n# bell \007\n", "ppm.yml")))
                .hasMessage("ppm.yml:2:8: control character U+0007: not allowed");
    }

    // --- files that are not regular files ---

    @Test
    void aFifoAsTheConfigurationIsRefusedWithoutOpeningIt() throws Exception {
        Path fifo = mkfifo("ppm.yml");

        assertThat(refusal(() -> loader.load(fifo))).hasMessage("config file " + fifo + ": is a FIFO, not a regular file");
        assertThat(assertTimeoutPreemptively(QUICKLY, () -> PluginsConfig.peek(fifo))).isEqualTo(PluginsConfig.DEFAULT);
    }

    @Test
    void devZeroAsTheConfigurationIsRefused() {
        Path zero = Path.of("/dev/zero");

        assertThat(refusal(() -> loader.load(zero))).hasMessage("config file /dev/zero: is a character device, not a regular file");
        assertThat(assertTimeoutPreemptively(QUICKLY, () -> PluginsConfig.peek(zero))).isEqualTo(PluginsConfig.DEFAULT);
    }

    @Test
    void aSocketAsTheConfigurationIsRefused() throws Exception {
        Path socket = dir.resolve("ppm.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));

            assertThat(refusal(() -> loader.load(socket))).hasMessage("config file " + socket + ": is a socket, not a regular file");
        }
    }

    @Test
    void aFileThatReportsNoSizeIsCutOffWhileReading() throws Exception {
        // Files under /proc say they hold 0 bytes; kallsyms holds megabytes.
        Path kallsyms = Path.of("/proc/kallsyms");
        assumeThat(Files.isReadable(kallsyms) && Files.size(kallsyms) == 0).as("a readable /proc/kallsyms").isTrue();

        assertThat(catchThrowableOfType(java.io.UncheckedIOException.class, () -> EnvFiles.read(kallsyms)))
                .hasMessage("/proc/kallsyms: too large (more than 1 MiB)");
        assertThat(refusal(() -> loader.load(kallsyms))).hasMessage("config file /proc/kallsyms: too large (more than 4 MiB)");
    }

    @Test
    void anEnvFileThatIsNotARegularFileIsRefusedAtItsKey() throws Exception {
        Path fifo = mkfifo("app.env");
        Path socketFile = dir.resolve("app.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketFile));
            Map<String, String> expected = Map.of(
                    fifo.toString(), "is a FIFO, not a regular file",
                    "/dev/zero", "is a character device, not a regular file",
                    socketFile.toString(), "is a socket, not a regular file",
                    dir.toString(), "Is a directory");
            for (var entry : expected.entrySet()) {
                ConfigException e = refusal(() -> loader.loadText("""
                        services:
                          - name: web
                            command: [w]
                            env_file: %s
                        """.formatted(entry.getKey()), "ppm.yml"));

                assertThat(e).hasMessage("ppm.yml:4:15: service 'web' env_file: " + entry.getKey() + ": " + entry.getValue());
            }
        }
    }

    @Test
    void anEnvFileOverOneMebibyteIsRefused() throws Exception {
        Path big = Files.writeString(dir.resolve("big.env"), ("A=" + "x".repeat(1022) + "\n").repeat(1024) + "B=1\n");

        ConfigException e = refusal(() -> loader.loadText("services:\n  - name: web\n    command: [w]\n    env_file: "
                + big + "\n", "ppm.yml"));

        assertThat(e).hasMessage("ppm.yml:4:15: service 'web' env_file: " + big + ": too large (more than 1 MiB)");
    }

    // --- NUL characters ---

    @Test
    void aNulCharacterAnywhereInAServiceIsRefusedAtItsPlace() {
        Map<String, String> placeOfNul = Map.of(
                "    command: [echo, \"a\\0b\"]\n", "ppm.yml:3:21:",
                "    command: \"echo \\0\"\n", "ppm.yml:3:14:",
                "    command: [echo]\n    env: {A: \"x\\x00y\"}\n", "ppm.yml:4:14:",
                "    command: [echo]\n    env: {\"A\\0\": x}\n", "ppm.yml:4:11:",
                "    command: [echo]\n    cwd: \"/tmp\\0/x\"\n", "ppm.yml:4:10:",
                "    command: [echo]\n    user: \"nobody\\u0000\"\n", "ppm.yml:4:11:");
        for (var entry : placeOfNul.entrySet()) {
            ConfigException e = refusal(() -> loader.loadText("services:\n  - name: web\n" + entry.getKey(), "ppm.yml"));

            assertThat(e.getMessage()).as(entry.getKey()).startsWith(entry.getValue()).contains("NUL character");
        }
    }

    @Test
    void aNulCharacterInAJsonServiceDefinitionIsRefused() {
        ConfigException e = refusal(() -> loader.parseService(
                "{\"name\": \"web\", \"command\": [\"echo\", \"a\\u0000b\"]}", DaemonConfig.empty()));

        assertThat(e).hasMessage("service definition:1:37: NUL character (\\0) in a value: not allowed");
    }

    @Test
    void aRawNulByteInTheFileIsRefusedAtItsPlace() throws Exception {
        Path file = Files.write(dir.resolve("ppm.yml"), "services:\n  - name: web\n    command: [ab\0c]\n"
                .getBytes(StandardCharsets.UTF_8));

        ConfigException e = refusal(() -> loader.load(file));

        assertThat(e).hasMessage(file + ":3:17: NUL character (\\0): not allowed");
    }

    @Test
    void aNulCharacterInAnEnvFileIsRefusedWithLineAndColumn() throws Exception {
        Path env = Files.writeString(dir.resolve("app.env"), "A=1\nB=x\0y\n");

        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> EnvFiles.read(env)))
                .hasMessage(env + ":2:4: NUL character (\\0): not allowed");
    }

    // --- helpers ---

    private ConfigException refusal(ThrowingSupplier<?> action) {
        ConfigException e = assertTimeoutPreemptively(QUICKLY,
                () -> catchThrowableOfType(ConfigException.class, () -> action.get()));
        assertThat(e).as("a ConfigException").isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n", "Exception", "com.fasterxml", "org.yaml", "`");
        return e;
    }

    private Path mkfifo(String name) throws IOException, InterruptedException {
        Path fifo = dir.resolve(name);
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(mkfifo.exitValue()).isZero();
        return fifo;
    }
}
