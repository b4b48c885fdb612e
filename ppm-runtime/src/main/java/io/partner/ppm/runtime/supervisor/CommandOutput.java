package io.partner.ppm.runtime.supervisor;

import io.partner.ppm.runtime.process.ChildProcess;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Copies the output of a short command (not a service) into the daemon's log, line by line. */
final class CommandOutput {

    private CommandOutput() {
    }

    static void drain(ChildProcess child, String label, Consumer<String> log) {
        drain(child.stdout(), label, log);
        drain(child.stderr(), label, log);
    }

    private static void drain(InputStream stream, String label, Consumer<String> log) {
        // A platform thread: a read waits in native code, which would hold a virtual thread's carrier.
        Thread.ofPlatform().name("ppm-command-output").daemon(true).stackSize(256 * 1024).start(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    log.accept(label + ": " + line);
                }
            } catch (IOException e) {
                log.accept(label + ": output lost: " + e.getMessage());
            }
        });
    }
}
