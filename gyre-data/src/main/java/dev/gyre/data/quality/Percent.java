package dev.gyre.data.quality;

import java.util.Locale;

/** Formats fractions for the one-line summaries. */
final class Percent {

    private Percent() {}

    static String of(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }

    static double fraction(long part, long whole) {
        return whole == 0 ? 0 : (double) part / whole;
    }
}
