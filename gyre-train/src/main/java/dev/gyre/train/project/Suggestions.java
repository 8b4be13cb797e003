package dev.gyre.train.project;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/**
 * The "did you mean" of error messages: the known name closest to a misspelt one, so that {@code targest} points at
 * {@code targets} instead of leaving the user to compare lists. Closeness is the optimal-string-alignment distance
 * (insertions, deletions, substitutions and swaps of neighbours each cost 1), compared case-insensitively.
 */
final class Suggestions {

    private Suggestions() {}

    /**
     * The name in {@code known} closest to {@code written}, if one is close enough to be a likely typo: at most 2
     * edits and fewer edits than half the longer name. Ties go to the earlier name in {@code known}.
     */
    static Optional<String> closest(String written, Collection<String> known) {
        String lower = written.toLowerCase(Locale.ROOT);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = distance(lower, candidate.toLowerCase(Locale.ROOT));
            int allowed = Math.min(2, (Math.max(lower.length(), candidate.length()) - 1) / 2);
            if (distance <= allowed && distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code " (did you mean 'x'?)"} or, without a close name, {@code " (expected one of a, b, c)"}. */
    static String hint(String written, Collection<String> known) {
        return closest(written, known)
                .map(name -> " (did you mean '" + name + "'?)")
                .orElseGet(() -> " (expected one of " + String.join(", ", known) + ")");
    }

    /** Optimal string alignment distance between {@code a} and {@code b}. */
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
