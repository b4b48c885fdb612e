package io.partner.ppm.runtime.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The identity a service runs as: its uid and primary gid, read from {@code /etc/passwd}, or given
 * numerically as {@code uid:gid} for an id that has no entry there (then it gets no supplementary
 * groups).
 *
 * @param name the user as written in the configuration
 * @param uid the user id
 * @param gid the primary group id
 * @param inPasswd whether {@code /etc/passwd} has an entry, so that its groups can be looked up
 */
record UserAccount(String name, int uid, int gid, boolean inPasswd) {

    static final Path PASSWD = Path.of("/etc/passwd");

    /**
     * Finds {@code user} (a name or uid) in the passwd file, or parses {@code uid:gid}.
     *
     * @throws SpawnException ENOENT naming the user when there is no such user
     */
    static UserAccount lookup(String user, Path passwd) throws SpawnException {
        List<String> lines;
        try {
            lines = Files.readAllLines(passwd);
        } catch (IOException e) {
            lines = List.of();
        }
        for (String line : lines) {
            UserAccount account = parseEntry(user, line);
            if (account != null) {
                return account;
            }
        }
        UserAccount numeric = parseNumeric(user);
        if (numeric != null) {
            return numeric;
        }
        throw new SpawnException("user '" + user + "': no such user in " + passwd
                + " (give uid:gid to run as an id without an entry)", LibC.ENOENT);
    }

    /** The account when this {@code name:x:uid:gid:...} line is {@code user}'s, else null. */
    private static UserAccount parseEntry(String user, String line) {
        String[] fields = line.split(":", -1);
        if (fields.length < 4) {
            return null;
        }
        if (!fields[0].equals(user) && !fields[2].equals(user)) {
            return null;
        }
        try {
            return new UserAccount(user, Integer.parseInt(fields[2]), Integer.parseInt(fields[3]), true);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UserAccount parseNumeric(String user) {
        int colon = user.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            int uid = Integer.parseInt(user.substring(0, colon));
            int gid = Integer.parseInt(user.substring(colon + 1));
            return uid < 0 || gid < 0 ? null : new UserAccount(user, uid, gid, false);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The {@code setpriv} options that switch to this account. */
    List<String> setprivOptions() {
        return List.of("--reuid=" + uid, "--regid=" + gid, inPasswd ? "--init-groups" : "--clear-groups");
    }
}
