package io.partner.ppm.runtime.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the configuration file. The first of:
 * <ol>
 *   <li>{@code --config FILE}</li>
 *   <li>the environment variable {@code PPM_CONFIG}</li>
 *   <li>{@code ~/.config/partner/partner-pm.yml}</li>
 *   <li>{@code ~/.partner-pm.yml}</li>
 *   <li>{@code .partner-pm.yml} in the working directory</li>
 * </ol>
 * A file named explicitly (1 or 2) must exist; the others are used when they exist. No file at all is
 * valid: the daemon runs on the embedded default.
 */
public final class ConfigLocator {

    /** The environment variable naming the configuration file. */
    public static final String ENV_VARIABLE = "PPM_CONFIG";

    private ConfigLocator() {
    }

    /**
     * @param explicitConfig the {@code --config} argument, or null
     * @param environment the daemon's environment (for {@code PPM_CONFIG}); an empty value counts as unset
     * @param home the user's home directory
     * @param workingDir the working directory; relative explicit paths resolve against it
     * @return the file to load, or empty when there is none
     * @throws ConfigException {@code config file X: No such file} when a file named explicitly does not exist
     */
    public static Optional<Path> locate(Path explicitConfig, Map<String, String> environment, Path home, Path workingDir)
            throws ConfigException {
        if (explicitConfig != null) {
            return Optional.of(mustExist(workingDir.resolve(explicitConfig)));
        }
        String fromEnvironment = environment.get(ENV_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return Optional.of(mustExist(workingDir.resolve(fromEnvironment)));
        }
        List<Path> candidates = List.of(
                home.resolve(".config").resolve("partner").resolve("partner-pm.yml"),
                home.resolve(".partner-pm.yml"),
                workingDir.resolve(".partner-pm.yml"));
        return candidates.stream().filter(Files::exists).findFirst();
    }

    private static Path mustExist(Path file) throws ConfigException {
        if (!Files.exists(file)) {
            throw ConfigException.file(file, "No such file", null);
        }
        return file;
    }
}
