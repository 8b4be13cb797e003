package dev.gyre.data.report;

import java.util.Locale;

/** Number formats shared by the report tables. */
final class Format {

    private Format() {}

    /** Four significant digits, like the CLI's drift table; blank for {@code null}. */
    static String number(Double value) {
        if (value == null) {
            return "";
        }
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.4g", value) : value.toString();
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }
}
