package io.partner.ppm.runtime.management;

import java.util.Set;

/**
 * What the Jolokia request being handled on this thread may do, set by {@link JolokiaGuard} and read
 * by {@link JolokiaRestrictor}: Jolokia handles a request on the thread that received it, and its
 * restrictor is made by class name, so the request's rights reach it this way.
 *
 * @param control the client gave a user and password that may control the daemon
 * @param overGet the request came as a GET (an {@code <img>} tag can send one), which never changes anything
 * @param allowedOrigins browser origins allowed by {@code daemon.jolokia.allowed_origins}
 */
record JolokiaRequestAccess(boolean control, boolean overGet, Set<String> allowedOrigins) {

    private static final ThreadLocal<JolokiaRequestAccess> CURRENT = new ThreadLocal<>();

    /** A request nobody vouched for: reads only. */
    static final JolokiaRequestAccess NONE = new JolokiaRequestAccess(false, true, Set.of());

    static JolokiaRequestAccess current() {
        JolokiaRequestAccess access = CURRENT.get();
        return access == null ? NONE : access;
    }

    void runAs(Runnable work) {
        CURRENT.set(this);
        try {
            work.run();
        } finally {
            CURRENT.remove();
        }
    }

    /** Whether the request may run operations and write attributes. */
    boolean mayChange() {
        return control && !overGet;
    }
}
