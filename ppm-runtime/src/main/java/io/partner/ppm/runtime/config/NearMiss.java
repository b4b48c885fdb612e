package io.partner.ppm.runtime.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** Finds the word a user probably meant: a small edit away (typo, swapped letters) or a prefix. */
final class NearMiss {

    private static final int MAX_EDITS = 2;
    private static final int MIN_PREFIX = 3;

    private NearMiss() {
    }

    /** {@code " (did you mean 'restart'?)"}, or an empty string when nothing is close. */
    static String suggestion(String word, Collection<String> candidates) {
        return closest(word, candidates).map(c -> " (did you mean '" + c + "'?)").orElse("");
    }

    /** The closest candidate within reach, the first one written on a tie. */
    static Optional<String> closest(String word, Collection<String> candidates) {
        String lower = word.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            String other = candidate.toLowerCase(Locale.ROOT);
            int d = distance(lower, other);
            if (d < bestDistance && isNear(lower, other, d)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean isNear(String word, String candidate, int distance) {
        if (distance <= MAX_EDITS && distance < word.length()) {
            return true;
        }
        String shorter = word.length() <= candidate.length() ? word : candidate;
        String longer = shorter == word ? candidate : word;
        return shorter.length() >= MIN_PREFIX && longer.startsWith(shorter);
    }

    /** Edits (insert, delete, replace, swap two neighbours) to turn {@code a} into {@code b}. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
