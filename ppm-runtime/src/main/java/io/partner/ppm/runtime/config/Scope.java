package io.partner.ppm.runtime.config;

/**
 * Names the place of a value in messages: {@code daemon.jmx.port}, {@code defaults.backoff.max},
 * {@code service 'web' backoff.interval}.
 *
 * @param owner who the keys belong to ({@code service 'web'}), or empty
 * @param path dotted keys below the owner, or empty
 */
record Scope(String owner, String path) {

    static final Scope TOP = new Scope("", "");

    static Scope service(String name) {
        return new Scope("service '" + name + "'", "");
    }

    Scope child(String key) {
        return new Scope(owner, path.isEmpty() ? key : path + "." + key);
    }

    /** The full name of this place, used before a problem: {@code daemon.jmx.port: ...}. */
    String describe() {
        if (owner.isEmpty()) {
            return path.isEmpty() ? "the top level" : path;
        }
        return path.isEmpty() ? owner : owner + " " + path;
    }

    /** {@code describe() + ": " + problem}. */
    String problem(String problem) {
        return describe() + ": " + problem;
    }
}
