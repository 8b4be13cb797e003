package dev.gyre.data.schema;

/**
 * The closed interval a numeric column's finite values must stay in, checked against a profile's exact min and
 * max; a {@code null} bound is open.
 */
public record NumericRange(Double min, Double max) {

    public NumericRange {
        Checks.bounds(min, max);
    }

    /** Whether {@code value} lies in the range. */
    public boolean contains(double value) {
        return (min == null || value >= min) && (max == null || value <= max);
    }
}
