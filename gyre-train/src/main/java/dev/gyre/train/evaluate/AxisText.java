package dev.gyre.train.evaluate;

import java.util.Locale;

/** How numbers read in the evaluation page: four significant digits, like the data-stage reports. */
final class AxisText {

    private AxisText() {}

    /** Four significant digits without trailing zeros; NaN and infinities by name; whole numbers as integers. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(Locale.ROOT, "%.4g", value);
        if (text.contains("e")) {
            return text.replaceAll("\\.?0+e", "e");
        }
        return text.contains(".") ? text.replaceAll("\\.?0+$", "") : text;
    }

    /** A signed difference, e.g. {@code +0.0312}. */
    static String signed(double value) {
        return Double.isFinite(value) && value > 0 ? "+" + number(value) : number(value);
    }

    static String percent(double fraction) {
        return Double.isFinite(fraction) ? String.format(Locale.ROOT, "%.1f%%", 100 * fraction) : "NaN";
    }
}
