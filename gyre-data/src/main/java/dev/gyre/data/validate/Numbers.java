package dev.gyre.data.validate;

import java.util.Locale;

/** Number formats for anomaly messages, so every message shows numbers the same way. */
final class Numbers {

    private Numbers() {}

    /** Four significant digits, e.g. {@code 0.03125}, {@code 1.235e+06}. */
    static String format(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.4g", value)
                .replaceFirst("(\\.\\d*?)0+(e|$)", "$1$2")
                .replace(".e", "e")
                .replaceFirst("\\.$", "");
    }

    /** A fraction as a percentage with two decimals, e.g. {@code 1.25%}. */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * fraction);
    }
}
