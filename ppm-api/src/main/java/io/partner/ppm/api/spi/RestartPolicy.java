package io.partner.ppm.api.spi;

import org.pf4j.ExtensionPoint;

/**
 * Decides what happens after a service's process ends. The built-in policies are {@code on-failure},
 * {@code always} and {@code never}; plugins add more, selected by {@link #name()} in a service's
 * {@code restart:} key.
 *
 * <p>Called on the supervisor loop: must be fast and must not block.
 */
public interface RestartPolicy extends ExtensionPoint {

    /** The name used in {@code restart:}, e.g. {@code window}. */
    String name();

    RestartDecision decide(RestartContext context);
}
