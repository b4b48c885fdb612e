package io.partner.ppm.runtime.config;

/**
 * A value of the configuration tree, with where it was written. The tree is built from the YAML
 * event stream so that every key and value keeps its line and column for error messages.
 */
sealed interface Node permits ScalarNode, MapNode, ListNode {

    /** Where the value starts. */
    Mark mark();

    /** How a message names the kind of value found: {@code a mapping}, {@code a list}, ... */
    String kind();
}
