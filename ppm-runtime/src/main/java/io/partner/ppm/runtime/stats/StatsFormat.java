package io.partner.ppm.runtime.stats;

import java.time.Duration;
import java.util.Locale;

/**
 * Figures for people: {@code 80.0 MiB}, {@code 12.5%}, {@code 3h12m}, {@code 1.2 MiB/s}. Always
 * with a decimal point, whatever the locale, so tables line up and scripts can read them.
 */
public final class StatsFormat {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private StatsFormat() {
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 80.0 MiB}, {@code 2.3 GiB}; {@code -} for a negative (unknown) size. */
    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "-";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        // Step up while the value would print as 1024.0 or more in the current unit.
        while (unit < UNITS.length - 1 && value >= 1023.95) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }

    /** {@code 12.5%}; may exceed 100 (several cores); {@code -} for NaN. */
    public static String percent(double percent) {
        if (Double.isNaN(percent)) {
            return "-";
        }
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    /** {@code 1.2 MiB/s}; {@code -} for a negative or NaN rate. */
    public static String rate(double bytesPerSecond) {
        if (Double.isNaN(bytesPerSecond) || bytesPerSecond < 0) {
            return "-";
        }
        return bytes(Math.round(bytesPerSecond)) + "/s";
    }

    /** The two largest units of a duration: {@code 42s}, {@code 5m7s}, {@code 3h12m}, {@code 2d4h}. */
    public static String duration(Duration duration) {
        return duration(duration.toMillis());
    }

    /** {@link #duration(Duration)} of milliseconds; {@code -} for a negative duration. */
    public static String duration(long millis) {
        if (millis < 0) {
            return "-";
        }
        long seconds = millis / 1000;
        long days = seconds / 86_400;
        long hours = seconds / 3_600 % 24;
        long minutes = seconds / 60 % 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + "d" + hours + "h";
        }
        if (hours > 0) {
            return hours + "h" + minutes + "m";
        }
        if (minutes > 0) {
            return minutes + "m" + secs + "s";
        }
        return secs + "s";
    }
}
