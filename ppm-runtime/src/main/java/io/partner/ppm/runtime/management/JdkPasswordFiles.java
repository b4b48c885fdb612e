package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.management.ControlCredentials.Access;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads the JDK's JMX password and access files ({@code daemon.jmx.password_file} and
 * {@code access_file}, the formats of {@code jmxremote.password} and {@code jmxremote.access}) into
 * {@link ControlCredentials}: {@code user password} lines or the JDK's hashed
 * {@code user salt hash algorithm} lines; {@code user readonly} or {@code user readwrite}.
 */
final class JdkPasswordFiles {

    private JdkPasswordFiles() {
    }

    static ControlCredentials addTo(ControlCredentials credentials, String passwordFile, String accessFile) throws IOException {
        if (passwordFile == null) {
            return credentials;
        }
        Map<String, Access> roles = accessFile == null ? Map.of() : roles(Path.of(accessFile));
        ControlCredentials result = credentials;
        for (String line : Files.readAllLines(Path.of(passwordFile), StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+");
            if (parts[0].isEmpty() || parts[0].startsWith("#")) {
                continue;
            }
            Access access = roles.get(parts[0]);
            if (access == null) {
                continue; // The JDK, too, lets in only users the access file names.
            }
            if (parts.length == 2) {
                result = result.with(parts[0], parts[1], access);
            } else if (parts.length == 4) {
                result = result.with(parts[0], salted(parts[1], parts[2], parts[3]), access);
            }
        }
        return result;
    }

    private static Map<String, Access> roles(Path file) throws IOException {
        Map<String, Access> roles = new HashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] parts = line.strip().split("\\s+");
            if (parts.length >= 2 && !parts[0].startsWith("#")) {
                roles.put(parts[0], parts[1].equals("readwrite") ? Access.CONTROL : Access.READ);
            }
        }
        return roles;
    }

    /** The JDK's hashed entry: {@code algorithm(salt + password)}, salt and hash in Base64. */
    private static ControlCredentials.Verifier salted(String salt, String hash, String algorithm) {
        byte[] saltBytes = Base64.getDecoder().decode(salt);
        byte[] expected = Base64.getDecoder().decode(hash);
        return password -> {
            try {
                MessageDigest digest = MessageDigest.getInstance(algorithm);
                digest.update(saltBytes);
                return MessageDigest.isEqual(expected, digest.digest(password.getBytes(StandardCharsets.UTF_8)));
            } catch (NoSuchAlgorithmException e) {
                return false;
            }
        };
    }
}
