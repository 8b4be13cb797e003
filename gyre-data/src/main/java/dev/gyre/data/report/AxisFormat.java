package dev.gyre.data.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Instant;

/** How the values of a numeric axis read: plain numbers, or epoch milliseconds shown as UTC dates. */
public enum AxisFormat {
    NUMBER,
    EPOCH_MILLIS;

    private static final MathContext DIGITS = new MathContext(4);
    private static final long DAY_MILLIS = 86_400_000L;

    /** {@code value} as a tick label; {@code span} (the axis range) decides whether a date needs its time. */
    public String format(double value, double span) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        if (this == EPOCH_MILLIS) {
            String instant = Instant.ofEpochMilli(Math.round(value)).toString();
            return span >= 5 * DAY_MILLIS
                    ? instant.substring(0, 10)
                    : instant.replace("T", " ").substring(0, 16);
        }
        return number(value);
    }

    /** A compact number with four significant digits. */
    static String number(double value) {
        if (value == 0) {
            return "0";
        }
        return new BigDecimal(value).round(DIGITS).stripTrailingZeros().toPlainString();
    }
}
