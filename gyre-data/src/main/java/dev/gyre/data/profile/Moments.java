package dev.gyre.data.profile;

/**
 * Exact, mergeable summary moments of the finite values of a numeric feature (Welford's update, Chan et al.'s
 * merge): merging the moments of two parts gives the moments of the whole up to floating-point rounding. Temporal
 * features are in epoch milliseconds; booleans are 1/0, so {@link #mean()} is the fraction of {@code true}.
 *
 * @param count number of finite values
 * @param mean their mean ({@code 0} when {@code count} is 0)
 * @param sumSquaredDeviations Σ(x − mean)², which, unlike the variance, merges exactly
 * @param min smallest finite value ({@code +∞} when there is none)
 * @param max largest finite value ({@code −∞} when there is none)
 */
public record Moments(long count, double mean, double sumSquaredDeviations, double min, double max) {

    /** No values yet; the identity of {@link #merge}. */
    public static final Moments EMPTY = new Moments(0, 0, 0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);

    public Moments merge(Moments other) {
        if (other.count == 0) {
            return this;
        }
        if (count == 0) {
            return other;
        }
        long total = count + other.count;
        double delta = other.mean - mean;
        double mergedMean = mean + delta * other.count / total;
        double mergedSquares =
                sumSquaredDeviations + other.sumSquaredDeviations + delta * delta * count * other.count / total;
        return new Moments(total, mergedMean, mergedSquares, Math.min(min, other.min), Math.max(max, other.max));
    }

    /** The sample standard deviation (divisor n − 1, like SQL's {@code stddev_samp}); {@code NaN} below 2 values. */
    public double std() {
        return count < 2 ? Double.NaN : Math.sqrt(sumSquaredDeviations / (count - 1));
    }

    /** The population standard deviation (divisor n, like {@code stddev_pop}); {@code NaN} for no values. */
    public double populationStd() {
        return count < 1 ? Double.NaN : Math.sqrt(sumSquaredDeviations / count);
    }
}
