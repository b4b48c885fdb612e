package io.partner.ppm.runtime.config;

/** {@code daemon.log}: how service output is written to the daemon's stdout and stderr. */
public record LogConfig(Format format, boolean timestamps) {

    public enum Format { TEXT, JSON }

    public static final LogConfig DEFAULT = new LogConfig(Format.TEXT, false);
}
