package io.partner.ppm.api;

/**
 * The shape of a series of samples (a {@link ServiceHistory}'s CPU or memory): its smallest,
 * average and largest value, and a one-line sparkline of it. Pure functions of the values, so the
 * daemon and any client draw the same picture of the same series.
 *
 * @param min the smallest value, 0 when there were none
 * @param avg the arithmetic mean, 0 when there were none
 * @param max the largest value, 0 when there were none
 * @param samples how many values there were
 */
public record Trend(double min, double avg, double max, int samples) {

    /** The trend of no values. */
    public static final Trend EMPTY = new Trend(0, 0, 0, 0);

    private static final char[] BARS = {'▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'};

    /** Min, average and max of {@code values}; {@link #EMPTY} for none. */
    public static Trend of(double[] values) {
        if (values.length == 0) {
            return EMPTY;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (double value : values) {
            min = Math.min(min, value);
            max = Math.max(max, value);
            sum += value;
        }
        return new Trend(min, sum / values.length, max, values.length);
    }

    /** Min, average and max of {@code values}; {@link #EMPTY} for none. */
    public static Trend of(long[] values) {
        return of(toDoubles(values));
    }

    /**
     * One bar per value, from ▁ to █. Bars are scaled from 0 to the largest value, so a flat line
     * of a busy service stays high and small wobbles stay small; zero, negative and NaN values
     * show as ▁.
     */
    public static String sparkline(double[] values) {
        double max = 0;
        for (double value : values) {
            if (value > max) {
                max = value;
            }
        }
        StringBuilder line = new StringBuilder(values.length);
        for (double value : values) {
            int level = max > 0 && value > 0 ? (int) Math.round(value / max * (BARS.length - 1)) : 0;
            line.append(BARS[level]);
        }
        return line.toString();
    }

    /** {@link #sparkline(double[])} of whole numbers, e.g. memory in bytes. */
    public static String sparkline(long[] values) {
        return sparkline(toDoubles(values));
    }

    private static double[] toDoubles(long[] values) {
        double[] result = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            result[i] = values[i];
        }
        return result;
    }
}
