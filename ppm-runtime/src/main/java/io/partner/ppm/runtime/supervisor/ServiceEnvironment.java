package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.api.ServiceSpec;
import io.partner.ppm.runtime.config.EnvFiles;
import io.partner.ppm.runtime.process.SpawnRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * What a service's process is started with: the daemon's environment, then the service's
 * {@code env_file} (read at every start, so an edit applies on the next restart), then its {@code env},
 * plus {@code PPM_SERVICE_NAME}.
 *
 * <p>The {@code env_file} is read off the supervisor loop ({@link #prepare}), with a timeout: a file
 * that blocks (replaced by a FIFO, on a hung mount) fails that one start and holds up nothing else.
 */
public final class ServiceEnvironment implements AutoCloseable {

    /** How long a start waits for its {@code env_file}. */
    static final Duration ENV_FILE_TIMEOUT = Duration.ofSeconds(2);

    private final Map<String, String> daemonEnvironment;
    private final Path workingDirectory;
    private final OffLoopFiles files = new OffLoopFiles(ENV_FILE_TIMEOUT);
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
    SpawnRequest command(List<String> argv, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(daemonEnvironment);
        env.putAll(extra);
        return new SpawnRequest(argv, env, workingDirectory, null);
    }

    /**
     * What the service's process is started with. Without an {@code env_file} it is complete at once;
     * with one, it completes once the file has been read on another thread, or exceptionally (an
     * IOException naming the file) when it cannot be read or is not read within {@link #ENV_FILE_TIMEOUT}.
     */
    CompletableFuture<SpawnRequest> prepare(ServiceSpec spec) {
        if (spec.envFile() == null) {
            return CompletableFuture.completedFuture(request(spec, Map.of()));
        }
        Path file = workingDirectory.resolve(spec.envFile());
        return files.read(file, EnvFiles::read).handle((variables, error) -> {
            if (error != null) {
                Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                throw new CompletionException(new IOException("env_file " + spec.envFile() + ": " + reason(cause, file), cause));
            }
            return request(spec, variables);
        });
    }

    /** The reason alone: a message that starts with the file's path would otherwise name it twice. */
    private static String reason(Throwable cause, Path file) {
        String message = String.valueOf(cause.getMessage());
        String prefix = file + ": ";
        return message.startsWith(prefix) ? message.substring(prefix.length()) : message;
    }

    private SpawnRequest request(ServiceSpec spec, Map<String, String> fromEnvFile) {
        Map<String, String> env = new HashMap<>(daemonEnvironment);
        env.putAll(fromEnvFile);
        env.putAll(spec.env());
        env.put("PPM_SERVICE_NAME", spec.name());
        Path cwd = spec.cwd() == null ? null : workingDirectory.resolve(spec.cwd());
        return new SpawnRequest(spec.argv(), env, cwd, spec.user(), spec.name().equals(terminalService));
    }

    @Override
    public void close() {
        files.close();
    }
}
