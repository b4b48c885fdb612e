package io.partner.ppm.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLocatorTest {

    @TempDir
    Path home;

    @TempDir
    Path workingDir;

    @Test
    void noFileAnywhereMeansNoConfiguration() throws Exception {
        assertThat(ConfigLocator.locate(null, Map.of(), home, workingDir)).isEmpty();
    }

    @Test
    void explicitFileComesFirst() throws Exception {
        Path explicit = touch(workingDir.resolve("explicit.yml"));
        Path fromEnv = touch(workingDir.resolve("env.yml"));
        touchAllSearchedFiles();

        assertThat(ConfigLocator.locate(explicit, Map.of("PPM_CONFIG", fromEnv.toString()), home, workingDir))
                .contains(explicit);
    }

    @Test
    void relativeExplicitFileResolvesAgainstTheWorkingDirectory() throws Exception {
        Path explicit = touch(workingDir.resolve("conf/ppm.yml"));

        assertThat(ConfigLocator.locate(Path.of("conf/ppm.yml"), Map.of(), home, workingDir)).contains(explicit);
    }

    @Test
    void environmentVariableComesSecond() throws Exception {
        Path fromEnv = touch(workingDir.resolve("env.yml"));
        touchAllSearchedFiles();

        assertThat(ConfigLocator.locate(null, Map.of("PPM_CONFIG", fromEnv.toString()), home, workingDir))
                .contains(fromEnv);
    }

    @Test
    void emptyEnvironmentVariableCountsAsUnset() throws Exception {
        Path inWorkingDir = touch(workingDir.resolve(".partner-pm.yml"));

        assertThat(ConfigLocator.locate(null, Map.of("PPM_CONFIG", ""), home, workingDir)).contains(inWorkingDir);
    }

    @Test
    void xdgStyleFileInHomeComesThird() throws Exception {
        touchAllSearchedFiles();

        assertThat(ConfigLocator.locate(null, Map.of(), home, workingDir))
                .contains(home.resolve(".config/partner/partner-pm.yml"));
    }

    @Test
    void dotFileInHomeComesFourth() throws Exception {
        Path dotFile = touch(home.resolve(".partner-pm.yml"));
        touch(workingDir.resolve(".partner-pm.yml"));

        assertThat(ConfigLocator.locate(null, Map.of(), home, workingDir)).contains(dotFile);
    }

    @Test
    void dotFileInWorkingDirectoryComesLast() throws Exception {
        Path inWorkingDir = touch(workingDir.resolve(".partner-pm.yml"));

        assertThat(ConfigLocator.locate(null, Map.of(), home, workingDir)).contains(inWorkingDir);
    }

    @Test
    void missingExplicitFileIsAnError() {
        Path missing = workingDir.resolve("nope.yml");
        touchAllSearchedFilesQuietly();

        assertThatThrownBy(() -> ConfigLocator.locate(missing, Map.of(), home, workingDir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + missing + ": No such file");
    }

    @Test
    void missingFileNamedByTheEnvironmentIsAnError() {
        Path missing = workingDir.resolve("from-env.yml");
        touchAllSearchedFilesQuietly();

        assertThatThrownBy(() -> ConfigLocator.locate(null, Map.of("PPM_CONFIG", missing.toString()), home, workingDir))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config file " + missing + ": No such file")
                .satisfies(e -> assertThat(((ConfigException) e).problem()).isEqualTo("No such file"));
    }

    private void touchAllSearchedFiles() throws IOException {
        touch(home.resolve(".config/partner/partner-pm.yml"));
        touch(home.resolve(".partner-pm.yml"));
        touch(workingDir.resolve(".partner-pm.yml"));
    }

    private void touchAllSearchedFilesQuietly() {
        try {
            touchAllSearchedFiles();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Path touch(Path file) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "services: []\n");
    }
}
