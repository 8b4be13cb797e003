package dev.gyre.data.profile;

/**
 * Exact, mergeable length statistics of a string feature's non-missing values, in UTF-16 code units (Java's
 * {@link String#length()}).
 *
 * @param count strings measured
 * @param min shortest length (0 when {@code count} is 0)
 * @param max longest length
 * @param totalLength sum of the lengths, which makes the mean mergeable
 */
public record LengthStats(long count, long min, long max, long totalLength) {

    public static final LengthStats EMPTY = new LengthStats(0, 0, 0, 0);

    public LengthStats merge(LengthStats other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        return new LengthStats(
                count + other.count,
                Math.min(min, other.min),
                Math.max(max, other.max),
                totalLength + other.totalLength);
    }

    /** The mean length; {@code NaN} for no strings. */
    public double mean() {
        return count == 0 ? Double.NaN : (double) totalLength / count;
    }
}
