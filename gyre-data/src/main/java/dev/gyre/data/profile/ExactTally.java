package dev.gyre.data.profile;

/**
 * The exact part of one column's profile (counts, moments, string lengths), tallied from the same weighted values
 * that feed its sketches: a value held by {@code weight} rows counts {@code weight} times, so a column read as
 * counted distinct values gets the same statistics as one read value by value. Moments use West's weighted form of
 * Welford's update, which stays accurate where a sum of squares would cancel. String lengths count Unicode code
 * points. Mutable, one per column, one thread.
 */
final class ExactTally {

    private long present;
    private long nan;
    private long positiveInfinity;
    private long negativeInfinity;
    private long zerosOrEmpty;
    private long finite;
    private double mean;
    private double sumSquaredDeviations;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private long minLength = Long.MAX_VALUE;
    private long maxLength;
    private long totalLength;
    private boolean text;

    /** A non-missing value of a numeric, boolean (1/0) or temporal column, held by {@code weight} rows. */
    void add(double value, long weight) {
        present += weight;
        if (Double.isNaN(value)) {
            nan += weight;
        } else if (value == Double.POSITIVE_INFINITY) {
            positiveInfinity += weight;
        } else if (value == Double.NEGATIVE_INFINITY) {
            negativeInfinity += weight;
        } else {
            if (value == 0) {
                zerosOrEmpty += weight;
            }
            finite += weight;
            double delta = value - mean;
            mean += delta * weight / finite;
            sumSquaredDeviations += delta * (value - mean) * weight;
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
    }

    /** A non-missing value of a text column, held by {@code weight} rows. */
    void add(String value, long weight) {
        text = true;
        present += weight;
        if (value.isEmpty()) {
            zerosOrEmpty += weight;
        }
        long length = value.codePointCount(0, value.length());
        minLength = Math.min(minLength, length);
        maxLength = Math.max(maxLength, length);
        totalLength += length * weight;
    }

    /** The counts of a column of {@code rows} rows, those not tallied being missing; text has no NaN or ±∞. */
    ValueCounts counts(long rows) {
        return new ValueCounts(present, rows - present, nan, positiveInfinity, negativeInfinity, zerosOrEmpty);
    }

    Moments moments() {
        return finite == 0 ? Moments.EMPTY : new Moments(finite, mean, sumSquaredDeviations, min, max);
    }

    LengthStats lengths() {
        return !text ? LengthStats.EMPTY : new LengthStats(present, minLength, maxLength, totalLength);
    }
}
