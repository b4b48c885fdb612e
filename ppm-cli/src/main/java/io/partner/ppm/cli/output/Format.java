package io.partner.ppm.cli.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** How numbers read in tables: durations like {@code 3h12m}, sizes like {@code 12.5M}. */
public final class Format {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());

    private Format() {
    }

    /** {@code 45s}, {@code 3m12s}, {@code 5h03m}, {@code 2d04h}; {@code -} for zero. */
    public static String duration(long millis) {
        if (millis <= 0) {
            return "-";
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return seconds + "s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + "m" + String.format(Locale.ROOT, "%02ds", seconds % 60);
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h" + String.format(Locale.ROOT, "%02dm", minutes % 60);
        }
        return hours / 24 + "d" + String.format(Locale.ROOT, "%02dh", hours % 24);
    }

    /** {@code 512B}, {@code 12.5K}, {@code 230M}, {@code 1.2G}. */
    public static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + "B";
        }
        String[] units = {"K", "M", "G", "T"};
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return (value < 10 ? String.format(Locale.ROOT, "%.1f", value) : String.format(Locale.ROOT, "%.0f", value)) + units[unit];
    }

    public static String percent(double value) {
        return String.format(Locale.ROOT, "%.1f%%", value);
    }

    /** A pid, or {@code -} when there is no process. */
    public static String pid(long pid) {
        return pid > 0 ? Long.toString(pid) : "-";
    }

    /** Local date and time of an epoch-milliseconds instant, {@code -} for 0. */
    public static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : TIME.format(Instant.ofEpochMilli(epochMillis));
    }
}
