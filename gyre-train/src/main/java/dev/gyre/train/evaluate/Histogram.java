package dev.gyre.train.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Counts of values in equal-width bins, kept in the report so the residual histogram can be redrawn from the JSON.
 *
 * @param boundaries bin edges in increasing order, one more than {@code counts}; each bin is [lower, upper), the
 *     last includes its upper edge
 * @param counts values per bin
 */
public record Histogram(List<Double> boundaries, List<Long> counts) {

    public Histogram {
        boundaries = List.copyOf(boundaries);
        counts = List.copyOf(counts);
        if (boundaries.size() != counts.size() + 1) {
            throw new IllegalArgumentException(
                    boundaries.size() + " boundaries for " + counts.size() + " bins (expected one more)");
        }
    }

    /** {@code bins} equal-width bins from the smallest to the largest of {@code values} (finite, not empty). */
    static Histogram of(double[] values, int bins) {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (double value : values) {
            low = Math.min(low, value);
            high = Math.max(high, value);
        }
        if (high == low) {
            high = low + 1;
            low = low - 1;
        }
        long[] counts = new long[bins];
        double width = (high - low) / bins;
        for (double value : values) {
            counts[Math.clamp((long) Math.floor((value - low) / width), 0, bins - 1)]++;
        }
        List<Double> boundaries = new ArrayList<>(bins + 1);
        for (int b = 0; b <= bins; b++) {
            boundaries.add(b == bins ? high : low + b * width);
        }
        List<Long> countList = new ArrayList<>(bins);
        for (long count : counts) {
            countList.add(count);
        }
        return new Histogram(boundaries, countList);
    }

    /** All values counted. */
    public long total() {
        return counts.stream().mapToLong(Long::longValue).sum();
    }
}
