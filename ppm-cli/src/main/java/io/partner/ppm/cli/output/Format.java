package io.partner.ppm.cli.output;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/** How numbers read in tables: durations like {@code 3h12m}, sizes like {@code 12.5M}. */
public final class Format {

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
            return minutes + "m" + twoDigits(seconds % 60) + "s";
        }
        long hours = minutes / 60;
        if (hours < 24) {
            return hours + "h" + twoDigits(minutes % 60) + "m";
        }
        return hours / 24 + "d" + twoDigits(hours % 24) + "h";
    }

    private static String twoDigits(long value) {
        return value < 10 ? "0" + value : Long.toString(value);
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
        return (value < 10 ? oneDecimal(value) : Long.toString(Math.round(value))) + units[unit];
    }

    /** {@code 12.5%}. */
    public static String percent(double value) {
        return oneDecimal(value) + "%";
    }

    /**
     * A number with one decimal, written by hand: {@link String#format} loads the locale machinery,
     * a sizeable part of a short command's start-up.
     */
    public static String oneDecimal(double value) {
        long tenths = Math.round(value * 10);
        String sign = tenths < 0 ? "-" : "";
        tenths = Math.abs(tenths);
        return sign + tenths / 10 + "." + tenths % 10;
    }

    /** A pid, or {@code -} when there is no process. */
    public static String pid(long pid) {
        return pid > 0 ? Long.toString(pid) : "-";
    }

    /** Local date and time of an epoch-milliseconds instant, {@code -} for 0. */
    public static String time(long epochMillis) {
        return epochMillis <= 0 ? "-" : Clock.TIME.format(Instant.ofEpochMilli(epochMillis));
    }

    /** Built on first use only: java.time's formatting costs start-up that {@code ppm ls} never needs. */
    private static final class Clock {
        static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
    }
}
