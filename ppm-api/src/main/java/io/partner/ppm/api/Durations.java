package io.partner.ppm.api;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for durations, used by the daemon's own configuration keys and, through
 * {@link io.partner.ppm.api.spi.ConfigValues}, by plugin keys: a whole number with a unit,
 * {@code 250ms}, {@code 5s}, {@code 2m}, {@code 1h}, or several of them written together,
 * {@code 1m30s}. Units: {@code d}, {@code h}, {@code m}, {@code s}, {@code ms}, {@code us},
 * {@code ns}. No space inside ({@code 5 s} is refused), no fractions, no sign. A number without a
 * unit is refused: it is too easy to mean seconds and get milliseconds. A duration must fit in a
 * {@code long} of nanoseconds (about 292 years); a longer one is an error, never a wrapped value.
 */
public final class Durations {

    private static final Pattern PART = Pattern.compile("(\\d+)(ns|us|ms|s|m|h|d)");
    private static final String UNITS = "use a whole number with a unit: ms, s, m or h, e.g. 250ms, 5s, 2m, 1h or 1m30s";

    private Durations() {
    }

    /**
     * Parses {@code 250ms}, {@code 5s}, {@code 1m30s}, ... Surrounding blanks are ignored.
     *
     * @throws IllegalArgumentException naming the text and the units to use, or saying it is too long
     */
    public static Duration parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("empty duration (" + UNITS + ")");
        }
        String s = text.strip();
        if (s.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("duration '" + s + "' has no unit (" + UNITS + ")");
        }
        Matcher part = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!part.region(at, s.length()).lookingAt()) {
                throw new IllegalArgumentException("invalid duration '" + s + "' (" + UNITS + ")");
            }
            total = add(total, part.group(1), part.group(2), s);
            at = part.end();
        }
        return total;
    }

    /** Writes a duration the way {@link #parse(String)} reads it, in the largest exact units: {@code 90s} → {@code 1m30s}. */
    public static String format(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
        if (duration.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long rest = duration.toNanos();
        rest = appendPart(out, rest, ChronoUnit.HOURS, "h");
        rest = appendPart(out, rest, ChronoUnit.MINUTES, "m");
        rest = appendPart(out, rest, ChronoUnit.SECONDS, "s");
        rest = appendPart(out, rest, ChronoUnit.MILLIS, "ms");
        rest = appendPart(out, rest, ChronoUnit.MICROS, "us");
        appendPart(out, rest, ChronoUnit.NANOS, "ns");
        return out.toString();
    }

    private static long appendPart(StringBuilder out, long nanos, ChronoUnit unit, String suffix) {
        long size = unit.getDuration().toNanos();
        long count = nanos / size;
        if (count > 0) {
            out.append(count).append(suffix);
        }
        return nanos % size;
    }

    private static Duration add(Duration total, String number, String unit, String text) {
        try {
            long amount = Long.parseLong(number);
            Duration part = switch (unit) {
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "ms" -> Duration.ofMillis(amount);
                case "us" -> Duration.of(amount, ChronoUnit.MICROS);
                default -> Duration.ofNanos(amount);
            };
            Duration sum = total.plus(part);
            sum.toNanos(); // durations are used in nanoseconds; refuse what does not fit
            return sum;
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("duration '" + text + "' is too long");
        }
    }
}
