package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.runtime.config.EnvFiles;
import io.partner.ppm.runtime.process.SpawnRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a service's process is started with: the daemon's environment, then the service's
 * {@code env_file} (read at every start, so an edit applies on the next restart), then its {@code env},
 * plus {@code PPM_SERVICE_NAME}.
 */
public final class ServiceEnvironment {

    private final Map<String, String> daemonEnvironment;
    private final Path workingDirectory;
    private final String terminalService;

    /** @param workingDirectory the daemon's directory, against which relative {@code cwd} and {@code env_file} resolve */
    public ServiceEnvironment(Map<String, String> daemonEnvironment, Path workingDirectory) {
        this(daemonEnvironment, workingDirectory, null);
    }

    /**
     * @param terminalService the service that runs in the foreground of the daemon's terminal (the
     *     main command of {@code ppm daemon -- CMD} when stdin is a terminal), or null
     */
    public ServiceEnvironment(Map<String, String> daemonEnvironment, Path workingDirectory, String terminalService) {
        this.daemonEnvironment = Map.copyOf(daemonEnvironment);
        this.workingDirectory = workingDirectory;
        this.terminalService = terminalService;
    }

    /** A command outside any service: the daemon's environment plus {@code extra}, in the daemon's directory. */
    SpawnRequest command(java.util.List<String> argv, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(daemonEnvironment);
        env.putAll(extra);
        return new SpawnRequest(argv, env, workingDirectory, null);
    }

    SpawnRequest request(ServiceSpec spec) throws IOException {
        Map<String, String> env = new HashMap<>(daemonEnvironment);
        if (spec.envFile() != null) {
            try {
                env.putAll(EnvFiles.read(workingDirectory.resolve(spec.envFile())));
            } catch (java.io.UncheckedIOException | IllegalArgumentException e) {
                throw new IOException("env_file " + spec.envFile() + ": " + e.getMessage(), e);
            }
        }
        env.putAll(spec.env());
        env.put("PPM_SERVICE_NAME", spec.name());
        Path cwd = spec.cwd() == null ? null : workingDirectory.resolve(spec.cwd());
        return new SpawnRequest(spec.argv(), env, cwd, spec.user(), spec.name().equals(terminalService));
    }
}
