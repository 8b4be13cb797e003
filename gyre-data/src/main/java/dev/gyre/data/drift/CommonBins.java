package dev.gyre.data.drift;

import static org.apache.datasketches.quantilescommon.QuantileSearchCriteria.INCLUSIVE;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Puts a reference and a current distribution on common bins.
 *
 * <p>Numeric bins are right-closed intervals {@code (e[i-1], e[i]]} with open-ended first and last bins. Quantile bins
 * use the reference's quantiles {@code q(i / bins)}, {@code i = 1..bins-1}, with the inverted-CDF definition (smallest
 * value whose inclusive rank is at least {@code i / bins}), duplicates removed; from samples they are exact, from
 * sketches they are {@code getQuantiles(.., INCLUSIVE)} and the shares come from {@code getCDF(.., INCLUSIVE)}, each
 * within the sketch's normalized rank error. Categorical bins are the union of both sides' values in lexical order.
 */
public final class CommonBins {

    private CommonBins() {}

    /** Reference-quantile bins from raw samples (NaN ignored). */
    public static BinnedDistributions referenceQuantiles(double[] reference, double[] current, int bins) {
        StepCdf ref = StepCdf.ofSample(reference);
        StepCdf cur = StepCdf.ofSample(current);
        return referenceQuantiles(ref, cur, bins);
    }

    static BinnedDistributions referenceQuantiles(StepCdf reference, StepCdf current, int bins) {
        requireBins(bins);
        double[] quantiles = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            quantiles[i - 1] = quantile(reference, (double) i / bins);
        }
        return onEdges(distinct(quantiles), reference, current);
    }

    /** Reference-quantile bins from sketches. */
    public static BinnedDistributions referenceQuantiles(NumericSummary reference, NumericSummary current, int bins) {
        requireBins(bins);
        double[] ranks = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            ranks[i - 1] = (double) i / bins;
        }
        double[] edges = distinct(reference.sketch().getQuantiles(ranks, INCLUSIVE));
        return onSketchEdges(edges, reference, current);
    }

    /** Equal-width bins over the combined range of raw samples, for plots. */
    public static BinnedDistributions equalWidth(double[] reference, double[] current, int bins) {
        return equalWidth(StepCdf.ofSample(reference), StepCdf.ofSample(current), bins);
    }

    static BinnedDistributions equalWidth(StepCdf reference, StepCdf current, int bins) {
        requireBins(bins);
        double min = Math.min(reference.points()[0], current.points()[0]);
        double max = Math.max(
                reference.points()[reference.points().length - 1], current.points()[current.points().length - 1]);
        return onEdges(equalWidthEdges(min, max, bins), reference, current);
    }

    /** Equal-width bins over the combined exact range of two sketches, for plots. */
    public static BinnedDistributions equalWidth(NumericSummary reference, NumericSummary current, int bins) {
        requireBins(bins);
        double min = Math.min(reference.min(), current.min());
        double max = Math.max(reference.max(), current.max());
        return onSketchEdges(equalWidthEdges(min, max, bins), reference, current);
    }

    /** Category shares on the union of both sides' values. */
    public static BinnedDistributions categories(CategoricalSummary reference, CategoricalSummary current) {
        CategoryTable table = CategoryTable.of(reference, current);
        return BinnedDistributions.ofShares(
                table.categories(), new double[0], shares(table.reference()), shares(table.current()));
    }

    static double[] shares(long[] counts) {
        double total = Arrays.stream(counts).sum();
        return Arrays.stream(counts).mapToDouble(c -> c / total).toArray();
    }

    private static BinnedDistributions onEdges(double[] edges, StepCdf reference, StepCdf current) {
        return BinnedDistributions.ofShares(
                labels(edges), edges, differences(cdfAt(reference, edges)), differences(cdfAt(current, edges)));
    }

    private static BinnedDistributions onSketchEdges(double[] edges, NumericSummary reference, NumericSummary current) {
        if (edges.length == 0) {
            return BinnedDistributions.ofShares(labels(edges), edges, new double[] {1}, new double[] {1});
        }
        return BinnedDistributions.ofShares(
                labels(edges),
                edges,
                differences(reference.sketch().getCDF(edges, INCLUSIVE)),
                differences(current.sketch().getCDF(edges, INCLUSIVE)));
    }

    /** Smallest point whose inclusive normalized rank is at least {@code p}. */
    static double quantile(StepCdf cdf, double p) {
        long target = (long) Math.ceil(p * cdf.total());
        int index = Arrays.binarySearch(cdf.cumulative(), Math.max(1, target));
        return cdf.points()[index >= 0 ? index : -index - 1];
    }

    /** {@code F(e)} for each edge, followed by 1. */
    private static double[] cdfAt(StepCdf cdf, double[] edges) {
        double[] result = new double[edges.length + 1];
        for (int i = 0; i < edges.length; i++) {
            int index = upperBound(cdf.points(), edges[i]);
            result[i] = index == 0 ? 0 : (double) cdf.cumulative()[index - 1] / cdf.total();
        }
        result[edges.length] = 1;
        return result;
    }

    /** Number of elements {@code <= x} in a sorted array. */
    private static int upperBound(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] differences(double[] cumulative) {
        double[] result = new double[cumulative.length];
        double previous = 0;
        for (int i = 0; i < cumulative.length; i++) {
            result[i] = Math.max(0, cumulative[i] - previous);
            previous = cumulative[i];
        }
        return result;
    }

    private static double[] distinct(double[] sortedValues) {
        return new TreeSet<>(Arrays.stream(sortedValues).boxed().toList())
                .stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] equalWidthEdges(double min, double max, int bins) {
        if (!(max > min)) {
            return new double[] {min};
        }
        double[] edges = new double[bins - 1];
        for (int i = 1; i < bins; i++) {
            edges[i - 1] = min + (max - min) * i / bins;
        }
        return edges;
    }

    private static List<String> labels(double[] edges) {
        List<String> labels = new ArrayList<>(edges.length + 1);
        String previous = "-inf";
        for (double edge : edges) {
            String formatted = String.format(Locale.ROOT, "%.6g", edge);
            labels.add("(" + previous + ", " + formatted + "]");
            previous = formatted;
        }
        labels.add("(" + previous + ", +inf)");
        return labels;
    }

    private static void requireBins(int bins) {
        if (bins < 2) {
            throw new IllegalArgumentException("need at least 2 bins: " + bins);
        }
    }

    /** Category counts of both sides aligned on the sorted union of their values. */
    record CategoryTable(List<String> categories, long[] reference, long[] current) {

        static CategoryTable of(CategoricalSummary reference, CategoricalSummary current) {
            Map<String, Long> ref = reference.completeCounts();
            Map<String, Long> cur = current.completeCounts();
            TreeSet<String> union = new TreeSet<>(ref.keySet());
            union.addAll(cur.keySet());
            union.removeIf(c -> ref.getOrDefault(c, 0L) + cur.getOrDefault(c, 0L) == 0);
            List<String> categories = List.copyOf(union);
            long[] r =
                    categories.stream().mapToLong(c -> ref.getOrDefault(c, 0L)).toArray();
            long[] c =
                    categories.stream().mapToLong(k -> cur.getOrDefault(k, 0L)).toArray();
            return new CategoryTable(categories, r, c);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CategoryTable other
                    && categories.equals(other.categories)
                    && Arrays.equals(reference, other.reference)
                    && Arrays.equals(current, other.current);
        }

        @Override
        public int hashCode() {
            return categories.hashCode();
        }

        @Override
        public String toString() {
            return "CategoryTable" + categories;
        }
    }
}
