package io.partner.ppm.runtime.process;

import java.util.List;
import java.util.Map;

/**
 * A {@link SpawnRequest} made concrete: the file to execute (an absolute path, checked to exist and
 * be executable) and the exact argument vector, environment and directory.
 *
 * @param executable the path handed to {@code posix_spawn}
 * @param argv the argument vector the new program sees
 * @param environment the complete environment
 * @param cwd the working directory, or null for the daemon's
 */
record Launch(String executable, List<String> argv, Map<String, String> environment, String cwd) {
}
