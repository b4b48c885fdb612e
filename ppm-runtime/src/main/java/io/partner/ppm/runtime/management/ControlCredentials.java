package io.partner.ppm.runtime.management;

import io.partner.ppm.runtime.config.AuthConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Who may control the daemon: the owner's credential, made at random at every start and written
 * into the runtime file only, plus the users of {@code daemon.auth} and the endpoint's own
 * configured users. Passwords are compared as SHA-256 hashes in constant time; nothing here ever
 * logs or returns a password.
 */
final class ControlCredentials {

    /** The user name of the runtime file's credential. */
    static final String OWNER = "ppm";

    /** What a user may do. */
    enum Access { READ, CONTROL }

    /** Checks one user's password. */
    @FunctionalInterface
    interface Verifier {
        boolean matches(String password);
    }

    private final String ownerPassword;
    private final Map<String, Verifier> hashes;
    private final Map<String, Access> access;

    private ControlCredentials(String ownerPassword, Map<String, Verifier> hashes, Map<String, Access> access) {
        this.ownerPassword = ownerPassword;
        this.hashes = Map.copyOf(hashes);
        this.access = Map.copyOf(access);
    }

    /** A fresh owner credential and the users of {@code daemon.auth} (its file read now). */
    static ControlCredentials create(AuthConfig auth) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Map<String, Verifier> hashes = new LinkedHashMap<>();
        Map<String, Access> access = new LinkedHashMap<>();
        if (auth.file() != null) {
            readUserFile(Path.of(auth.file()), hashes);
        }
        auth.users().forEach((user, hash) -> hashes.put(user, sha256Verifier(hex(hash))));
        hashes.put(OWNER, sha256Verifier(sha256(password)));
        hashes.keySet().forEach(user -> access.put(user, Access.CONTROL));
        return new ControlCredentials(password, hashes, access);
    }

    /** The same credentials plus one user given with a plain password (as {@code daemon.jolokia.user}). */
    ControlCredentials with(String user, String password, Access level) {
        return with(user, sha256Verifier(sha256(password == null ? "" : password)), level);
    }

    /** The same credentials plus one user checked by {@code verifier}; an existing user is kept as it is. */
    ControlCredentials with(String user, Verifier verifier, Access level) {
        Map<String, Verifier> moreHashes = new LinkedHashMap<>(hashes);
        Map<String, Access> moreAccess = new LinkedHashMap<>(access);
        moreHashes.putIfAbsent(user, verifier);
        moreAccess.putIfAbsent(user, level);
        return new ControlCredentials(ownerPassword, moreHashes, moreAccess);
    }

    /** The owner's password, for the runtime file. */
    String ownerPassword() {
        return ownerPassword;
    }

    /** What this user may do with this password, or null when the pair is wrong. */
    Access check(String user, String password) {
        Verifier verifier = user == null ? null : hashes.get(user);
        // Hash even for an unknown user, so that timing does not tell which names exist.
        boolean match = (verifier == null ? UNKNOWN : verifier).matches(password == null ? "" : password);
        return match && verifier != null ? access.get(user) : null;
    }

    private static final Verifier UNKNOWN = sha256Verifier(new byte[32]);

    /** Compares the SHA-256 of a password with {@code expected} in constant time. */
    static Verifier sha256Verifier(byte[] expected) {
        return password -> MessageDigest.isEqual(expected, sha256(password));
    }

    private static void readUserFile(Path file, Map<String, Verifier> hashes) throws IOException {
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] parts = text.split("\\s+");
            if (parts.length != 2 || !AuthConfig.USER.matcher(parts[0]).matches()
                    || !AuthConfig.HASH.matcher(parts[1]).matches()) {
                throw new IOException("daemon.auth.file " + file + ":" + number
                        + ": expected 'NAME sha256:HEX' (the hex SHA-256 of the password)");
            }
            hashes.put(parts[0], sha256Verifier(hex(parts[1])));
        }
    }

    private static byte[] hex(String hash) {
        return HexFormat.of().parseHex(hash.substring("sha256:".length()).toLowerCase(Locale.ROOT));
    }

    static byte[] sha256(String password) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
