package dev.gyre.data.profile;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.GyreType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.datasketches.quantilescommon.QuantilesUtil;

/**
 * The profile of one feature (column): exact counts, moments and string lengths plus sketches for quantiles,
 * histograms, distinct and frequent values. Quantiles, ranks and histograms are exact (and the same on every run)
 * for a feature that keeps its exact values (at most {@link SketchParameters#EXACT_VALUES_LIMIT} finite ones),
 * else KLL estimates within {@link SketchParameters}' rank error. Immutable; {@link #merge} combines the profiles of two parts of a
 * dataset into that of the whole.
 *
 * @param moments moments of the finite values; {@link Moments#EMPTY} for string features
 * @param lengths string lengths; {@link LengthStats#EMPTY} for non-string features
 */
public record FeatureProfile(
        String name,
        GyreType type,
        ValueCounts counts,
        Moments moments,
        LengthStats lengths,
        FeatureSketches sketches) {

    /** The quantile ranks profiles report, in [0, 1]. */
    public static final List<Double> REPORTED_RANKS = List.of(0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99);

    public FeatureProfile merge(FeatureProfile other) {
        if (!name.equals(other.name) || type != other.type) {
            throw GyreException.invalid("cannot merge profiles of feature " + name + " (" + type.label() + ") and "
                    + other.name + " (" + other.type.label() + ")");
        }
        return new FeatureProfile(
                name,
                type,
                counts.merge(other.counts),
                moments.merge(other.moments),
                lengths.merge(other.lengths),
                sketches.merge(other.sketches));
    }

    /**
     * The values at {@code ranks} (each in [0, 1]): the smallest value whose inclusive normalised rank reaches the
     * rank, exact when the feature keeps its values, else the KLL estimate. Empty when there are no finite values.
     */
    public List<Double> quantiles(List<Double> ranks) {
        Optional<double[]> exact = sketches.exactValues();
        if (exact.isPresent()) {
            double[] values = exact.get();
            return values.length == 0
                    ? List.of()
                    : ranks.stream().map(rank -> exactQuantile(values, rank)).toList();
        }
        KllDoublesSketch kll = sketches.kllSketch();
        if (kll == null || kll.isEmpty()) {
            return List.of();
        }
        double[] values = kll.getQuantiles(
                ranks.stream().mapToDouble(Double::doubleValue).toArray(), QuantileSearchCriteria.INCLUSIVE);
        return Arrays.stream(values).boxed().toList();
    }

    /**
     * The fraction of the finite values below {@code value} ({@link QuantileSearchCriteria#EXCLUSIVE}) or at most
     * {@code value} ({@code INCLUSIVE}): exact when the feature keeps its values, else the KLL estimate; {@code NaN}
     * without finite values.
     */
    public double rank(double value, QuantileSearchCriteria criteria) {
        Optional<double[]> exact = sketches.exactValues();
        if (exact.isPresent()) {
            double[] values = exact.get();
            return values.length == 0 ? Double.NaN : (double) countBelow(values, value, criteria) / values.length;
        }
        KllDoublesSketch kll = sketches.kllSketch();
        return kll == null || kll.isEmpty() ? Double.NaN : kll.getRank(value, criteria);
    }

    /**
     * {@code buckets} equal-width buckets between the exact min and max, right-closed like the KLL PMF; the count of
     * each is exact when the feature keeps its values, else from the KLL sketch's PMF at the split points. Empty when
     * there are no finite numeric values.
     */
    public List<HistogramBucket> equalWidthHistogram(int buckets) {
        long n = finiteValues();
        if (n == 0) {
            return List.of();
        }
        double min = moments.min();
        double max = moments.max();
        if (min == max) {
            return List.of(new HistogramBucket(min, max, n));
        }
        double width = (max - min) / buckets;
        double[] splits = new double[buckets - 1];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = min + width * (i + 1);
        }
        double[] counts = bucketCounts(splits, n);
        List<HistogramBucket> histogram = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            double low = i == 0 ? min : splits[i - 1];
            double high = i == buckets - 1 ? max : splits[i];
            histogram.add(new HistogramBucket(low, high, counts[i]));
        }
        return histogram;
    }

    /**
     * {@code buckets} buckets of (about) equal counts, bounded by the {@link #quantiles} at ranks 0, 1/b, …, 1.
     * Empty when there are no finite numeric values.
     */
    public List<HistogramBucket> quantileHistogram(int buckets) {
        long n = finiteValues();
        if (n == 0) {
            return List.of();
        }
        List<Double> ranks = new ArrayList<>(buckets + 1);
        for (int i = 0; i <= buckets; i++) {
            ranks.add((double) i / buckets);
        }
        List<Double> bounds = quantiles(ranks);
        List<HistogramBucket> histogram = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            histogram.add(new HistogramBucket(bounds.get(i), bounds.get(i + 1), (double) n / buckets));
        }
        return histogram;
    }

    /** Number of finite values in the quantile summary (0 for string features). */
    private long finiteValues() {
        Optional<double[]> exact = sketches.exactValues();
        if (exact.isPresent()) {
            return exact.get().length;
        }
        KllDoublesSketch kll = sketches.kllSketch();
        return kll == null ? 0 : kll.getN();
    }

    /** Counts in {@code (-inf, s0], (s0, s1], …, (s_last, +inf)}: exact, or the KLL PMF times {@code n}. */
    private double[] bucketCounts(double[] splits, long n) {
        Optional<double[]> exact = sketches.exactValues();
        double[] counts = new double[splits.length + 1];
        if (exact.isEmpty()) {
            double[] masses = sketches.kllSketch().getPMF(splits, QuantileSearchCriteria.INCLUSIVE);
            for (int i = 0; i < counts.length; i++) {
                counts[i] = masses[i] * n;
            }
            return counts;
        }
        long previous = 0;
        for (int i = 0; i < splits.length; i++) {
            long atMost = countBelow(exact.get(), splits[i], QuantileSearchCriteria.INCLUSIVE);
            counts[i] = atMost - previous;
            previous = atMost;
        }
        counts[splits.length] = n - previous;
        return counts;
    }

    /** The KLL definition ({@code getQuantile(rank, INCLUSIVE)}) applied to every value, so small KLL and exact agree. */
    private static double exactQuantile(double[] sorted, double rank) {
        long natural = (long) QuantilesUtil.getNaturalRank(rank, sorted.length, QuantileSearchCriteria.INCLUSIVE);
        return sorted[(int) Math.min(sorted.length - 1, Math.max(0, natural - 1))];
    }

    /** Values {@code < x} (EXCLUSIVE) or {@code <= x} (INCLUSIVE) in a sorted array. */
    private static int countBelow(double[] sorted, double x, QuantileSearchCriteria criteria) {
        boolean inclusive = criteria == QuantileSearchCriteria.INCLUSIVE;
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x || (inclusive && sorted[mid] == x)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The estimated number of distinct non-missing values. */
    public DistinctEstimate distinct() {
        HllSketch hll = sketches.hllSketch();
        return new DistinctEstimate(hll.getEstimate(), hll.getLowerBound(2), hll.getUpperBound(2));
    }

    /**
     * Up to {@code limit} most frequent values, most frequent first; empty for numeric and temporal features. Only
     * values whose count may exceed the sketch's error are reported (no false negatives among them).
     */
    public List<FrequentValue> topValues(int limit) {
        FrequentItemsSketch<String> items = sketches.frequentItemsSketch();
        if (items == null || items.isEmpty()) {
            return List.of();
        }
        return Arrays.stream(items.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES))
                .limit(limit)
                .map(row ->
                        new FrequentValue(row.getItem(), row.getEstimate(), row.getLowerBound(), row.getUpperBound()))
                .toList();
    }
}
