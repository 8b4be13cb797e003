package dev.gyre.data.profile;

/**
 * Exact counts of a feature's values; they add up when profiles merge.
 *
 * @param present non-missing values (NaN and infinities included)
 * @param missing SQL NULLs (empty CSV fields read as NULL)
 * @param nan NaN values
 * @param positiveInfinity +∞ values
 * @param negativeInfinity −∞ values
 * @param zeros values equal to 0 (or {@code false})
 */
public record ValueCounts(
        long present, long missing, long nan, long positiveInfinity, long negativeInfinity, long zeros) {

    public static final ValueCounts EMPTY = new ValueCounts(0, 0, 0, 0, 0, 0);

    public ValueCounts merge(ValueCounts other) {
        return new ValueCounts(
                present + other.present,
                missing + other.missing,
                nan + other.nan,
                positiveInfinity + other.positiveInfinity,
                negativeInfinity + other.negativeInfinity,
                zeros + other.zeros);
    }

    /** Rows seen: present plus missing. */
    public long total() {
        return present + missing;
    }

    /** Missing as a fraction of all rows, in [0, 1]; 0 for no rows. */
    public double missingFraction() {
        return total() == 0 ? 0 : (double) missing / total();
    }
}
