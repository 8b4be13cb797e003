package dev.gyre.data.drift;

import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.DoublesSortedView;

/**
 * A right-continuous empirical step CDF: {@code F(x) = cumulative[i] / total} for the largest {@code i} with {@code
 * points[i] <= x}, 0 below the first point. Built either from a sorted sample (exact) or from a KLL sketch's sorted
 * view (the sketch's weighted retained items, which is what {@code getRank(x, INCLUSIVE)} evaluates).
 */
record StepCdf(double[] points, long[] cumulative, long total) {

    /** Exact ECDF of {@code values} (NaN dropped); sorts a copy. */
    static StepCdf ofSample(double[] values) {
        double[] sorted = Samples.sortedFinite(values);
        if (sorted.length == 0) {
            throw new IllegalArgumentException("empty sample");
        }
        long[] cumulative = new long[sorted.length];
        for (int i = 0; i < sorted.length; i++) {
            cumulative[i] = i + 1L;
        }
        return new StepCdf(sorted, cumulative, sorted.length);
    }

    /** The step CDF represented by a KLL sketch (its sorted view of retained items and their weights). */
    static StepCdf ofSketch(KllDoublesSketch sketch) {
        DoublesSortedView view = sketch.getSortedView();
        return new StepCdf(view.getQuantiles(), view.getCumulativeWeights(), view.getN());
    }

    /** Visits every distinct point of the union of both supports with both CDF values just at that point. */
    static void walk(StepCdf a, StepCdf b, UnionVisitor visitor) {
        int i = 0;
        int j = 0;
        double fa = 0;
        double fb = 0;
        while (i < a.points.length || j < b.points.length) {
            double x = Math.min(
                    i < a.points.length ? a.points[i] : Double.POSITIVE_INFINITY,
                    j < b.points.length ? b.points[j] : Double.POSITIVE_INFINITY);
            while (i < a.points.length && a.points[i] <= x) {
                fa = (double) a.cumulative[i++] / a.total;
            }
            while (j < b.points.length && b.points[j] <= x) {
                fb = (double) b.cumulative[j++] / b.total;
            }
            double next = Math.min(
                    i < a.points.length ? a.points[i] : Double.POSITIVE_INFINITY,
                    j < b.points.length ? b.points[j] : Double.POSITIVE_INFINITY);
            visitor.visit(x, next, fa, fb);
        }
    }

    /** Callback of {@link #walk}: on {@code [x, next)} the CDFs are constant at {@code fa} and {@code fb}. */
    @FunctionalInterface
    interface UnionVisitor {
        void visit(double x, double next, double fa, double fb);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StepCdf other
                && total == other.total
                && Arrays.equals(points, other.points)
                && Arrays.equals(cumulative, other.cumulative);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(points) + Arrays.hashCode(cumulative);
    }

    @Override
    public String toString() {
        return "StepCdf[retained=" + points.length + ", total=" + total + "]";
    }
}
