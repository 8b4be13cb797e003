package dev.gyre.data.profile;

import dev.gyre.core.error.GyreException;
import dev.gyre.data.read.GyreType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The profile of one feature (column): exact counts, moments and string lengths plus sketches for quantiles,
 * histograms, distinct and frequent values. Immutable; {@link #merge} combines the profiles of two parts of a
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

    /** The estimated values at {@code ranks} (each in [0, 1]); empty when there are no finite numeric values. */
    public List<Double> quantiles(List<Double> ranks) {
        KllDoublesSketch kll = sketches.kllSketch();
        if (kll == null || kll.isEmpty()) {
            return List.of();
        }
        double[] values = kll.getQuantiles(
                ranks.stream().mapToDouble(Double::doubleValue).toArray(), QuantileSearchCriteria.INCLUSIVE);
        return Arrays.stream(values).boxed().toList();
    }

    /**
     * {@code buckets} equal-width buckets between the exact min and max; the mass of each comes from the KLL
     * sketch's PMF at the split points. Empty when there are no finite numeric values.
     */
    public List<HistogramBucket> equalWidthHistogram(int buckets) {
        KllDoublesSketch kll = sketches.kllSketch();
        if (kll == null || kll.isEmpty()) {
            return List.of();
        }
        double min = moments.min();
        double max = moments.max();
        if (min == max) {
            return List.of(new HistogramBucket(min, max, kll.getN()));
        }
        double width = (max - min) / buckets;
        double[] splits = new double[buckets - 1];
        for (int i = 0; i < splits.length; i++) {
            splits[i] = min + width * (i + 1);
        }
        double[] masses = kll.getPMF(splits, QuantileSearchCriteria.INCLUSIVE);
        List<HistogramBucket> histogram = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            double low = i == 0 ? min : splits[i - 1];
            double high = i == buckets - 1 ? max : splits[i];
            histogram.add(new HistogramBucket(low, high, masses[i] * kll.getN()));
        }
        return histogram;
    }

    /**
     * {@code buckets} buckets of (about) equal counts, bounded by the KLL quantiles at ranks 0, 1/b, …, 1. Empty
     * when there are no finite numeric values.
     */
    public List<HistogramBucket> quantileHistogram(int buckets) {
        KllDoublesSketch kll = sketches.kllSketch();
        if (kll == null || kll.isEmpty()) {
            return List.of();
        }
        double[] ranks = new double[buckets + 1];
        for (int i = 0; i <= buckets; i++) {
            ranks[i] = (double) i / buckets;
        }
        double[] bounds = kll.getQuantiles(ranks, QuantileSearchCriteria.INCLUSIVE);
        List<HistogramBucket> histogram = new ArrayList<>(buckets);
        for (int i = 0; i < buckets; i++) {
            histogram.add(new HistogramBucket(bounds[i], bounds[i + 1], (double) kll.getN() / buckets));
        }
        return histogram;
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
