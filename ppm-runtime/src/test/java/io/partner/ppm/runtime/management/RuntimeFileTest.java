package io.partner.ppm.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;

import io.partner.ppm.api.management.DaemonEndpoints;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeFileTest {

    @TempDir
    Path dir;

    @Test
    void writesTheEndpointsAsOneFlatJsonObjectReadableByItsOwnerOnly() throws Exception {
        Path path = dir.resolve("ppm/daemon.json");
        DaemonEndpoints endpoints = new DaemonEndpoints(42, "1.0", 1700000000000L, null,
                "http://127.0.0.1:8778/jolokia/", "ppm", "p\"w\\d\n\u0001");

        RuntimeFile.write(path, endpoints);

        assertThat(Files.readString(path, StandardCharsets.UTF_8)).isEqualTo("{\"pid\": 42, \"version\": \"1.0\", "
                + "\"startedAt\": 1700000000000, \"jmxUrl\": null, \"jolokiaUrl\": \"http://127.0.0.1:8778/jolokia/\", "
                + "\"user\": \"ppm\", \"password\": \"p\\\"w\\\\d\\n\\u0001\"}\n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path))).isEqualTo("rw-------");
        assertThat(DaemonEndpoints.fromMap(endpoints.toMap())).isEqualTo(endpoints);
    }

    @Test
    void deleteLeavesTheFileOfAnotherDaemon() throws Exception {
        Path path = dir.resolve("ppm/daemon.json");
        RuntimeFile first = RuntimeFile.write(path, new DaemonEndpoints(42, "1.0", 1, null, null));
        RuntimeFile.write(path, new DaemonEndpoints(43, "1.0", 2, null, null));

        first.delete();
        assertThat(path).exists();

        RuntimeFile.write(path, new DaemonEndpoints(42, "1.0", 3, null, null)).delete();
        assertThat(path).doesNotExist();
    }
}
