/**
 * The configuration: its model ({@link io.partner.ppm.runtime.config.DaemonConfig} and the settings
 * it holds, with the services as {@link io.partner.ppm.api.ServiceSpec}s), finding the file
 * ({@link io.partner.ppm.runtime.config.ConfigLocator}), reading it
 * ({@link io.partner.ppm.runtime.config.ConfigLoader}: YAML to a tree of nodes that remember their
 * line and column, {@code ${VAR}} expansion, {@code defaults:}, one reader per section) and writing it
 * back ({@link io.partner.ppm.runtime.config.ConfigWriter}).
 *
 * <p>Runs on the caller's thread (start-up, a reload, a {@code ppm add}) and keeps no state between
 * calls. It must not start, stop or touch anything: it only turns text into values, and every mistake
 * into one {@link io.partner.ppm.runtime.config.ConfigException} naming its file, line and column.
 */
package io.partner.ppm.runtime.config;
