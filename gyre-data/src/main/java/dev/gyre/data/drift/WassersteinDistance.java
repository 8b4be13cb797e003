package dev.gyre.data.drift;

/**
 * Wasserstein-1 (earth mover's) distance {@code W1 = integral |F_ref(x) - F_cur(x)| dx = integral_0^1 |Q_ref(p) -
 * Q_cur(p)| dp}, in the feature's unit, and the normed variant {@code W1 / std_ref} (population standard deviation
 * of the reference, as Evidently does), unitless in [0, inf).
 *
 * <p>From samples W1 is exact (merge walk over both sorted samples). From sketches it is the integral of {@code |Q_ref -
 * Q_cur|} between piecewise-linear quantile functions through the retained items (each item's weight spread back to the
 * previous item), which measured closer to the exact value than the step functions. Each sketched CDF is within its
 * normalized rank error {@code eps} of the true one, so {@code |W1_sketch - W1| <= (eps_ref + eps_cur) * (max - min)}
 * over the combined range ({@link #sketchErrorBound}). That bound is loose; what matters is the tail: on heavy-tailed
 * flight delays (150k vs 150k rows) the normed distance was off by 0.01 reference standard deviations on average and
 * up to 0.08 at k = 200, 0.004 on average and up to 0.03 at k = 800; use k &gt;= 800 for heavy-tailed features near
 * the 0.1 threshold. A reference with zero spread yields {@code +inf} if the distributions differ, else 0.
 */
public final class WassersteinDistance {

    private WassersteinDistance() {}

    /** Exact W1 between raw samples (NaN ignored). */
    public static double of(double[] reference, double[] current) {
        return of(StepCdf.ofSample(reference), StepCdf.ofSample(current));
    }

    /** W1 between two sketched distributions, with piecewise-linear quantile functions (see the class comment). */
    public static double of(NumericSummary reference, NumericSummary current) {
        return ofInterpolated(StepCdf.ofSketch(reference.sketch()), StepCdf.ofSketch(current.sketch()));
    }

    /** Exact W1 divided by the reference's population standard deviation. */
    public static double normed(double[] reference, double[] current) {
        StepCdf ref = StepCdf.ofSample(reference);
        return normed(of(ref, StepCdf.ofSample(current)), Samples.populationStandardDeviation(ref.points()));
    }

    /** Sketched W1 divided by the reference summary's standard deviation. */
    public static double normed(NumericSummary reference, NumericSummary current) {
        return normed(of(reference, current), reference.standardDeviation());
    }

    /** Worst-case bound on {@code |W1_sketch - W1_exact|}: {@code (eps_ref + eps_cur) * (max - min)}. */
    public static double sketchErrorBound(NumericSummary reference, NumericSummary current) {
        double range = Math.max(reference.max(), current.max()) - Math.min(reference.min(), current.min());
        return (reference.rankError() + current.rankError()) * range;
    }

    static double normed(double w1, double referenceStd) {
        if (referenceStd > 0) {
            return w1 / referenceStd;
        }
        return w1 == 0 ? 0 : Double.POSITIVE_INFINITY;
    }

    /**
     * {@code integral_0^1 |Q_a(p) - Q_b(p)| dp} where each {@code Q} is the piecewise-linear quantile function through
     * {@code (cumulative[i] / total, points[i])}, constant at the minimum below the first knot: a retained item's weight
     * is spread uniformly back to the previous retained item instead of being concentrated on it.
     */
    static double ofInterpolated(StepCdf a, StepCdf b) {
        double[] knots = mergedKnots(a, b);
        double area = 0;
        double p0 = 0;
        double da0 = interpolatedQuantile(a, 0) - interpolatedQuantile(b, 0);
        for (double p1 : knots) {
            double da1 = interpolatedQuantile(a, p1) - interpolatedQuantile(b, p1);
            area += absoluteLinearIntegral(da0, da1, p1 - p0);
            p0 = p1;
            da0 = da1;
        }
        return area;
    }

    /** Integral over an interval of width {@code h} of {@code |f|}, {@code f} linear from {@code f0} to {@code f1}. */
    private static double absoluteLinearIntegral(double f0, double f1, double h) {
        if ((f0 >= 0) == (f1 >= 0)) {
            return Math.abs(f0 + f1) / 2 * h;
        }
        double crossing = f0 / (f0 - f1) * h;
        return Math.abs(f0) / 2 * crossing + Math.abs(f1) / 2 * (h - crossing);
    }

    private static double[] mergedKnots(StepCdf a, StepCdf b) {
        double[] knots = new double[a.points().length + b.points().length];
        int n = 0;
        for (long c : a.cumulative()) {
            knots[n++] = (double) c / a.total();
        }
        for (long c : b.cumulative()) {
            knots[n++] = (double) c / b.total();
        }
        java.util.Arrays.sort(knots);
        return knots;
    }

    private static double interpolatedQuantile(StepCdf cdf, double p) {
        double[] x = cdf.points();
        long[] c = cdf.cumulative();
        double target = p * cdf.total();
        int hi = java.util.Arrays.binarySearch(c, (long) Math.ceil(target));
        hi = hi >= 0 ? hi : -hi - 1;
        if (hi == 0) {
            return x[0];
        }
        if (hi >= x.length) {
            return x[x.length - 1];
        }
        long step = c[hi] - c[hi - 1];
        if (step <= 0) {
            // a retained item of weight 0 (seen in sorted views of weighted-update sketches): no span to spread over
            return x[hi];
        }
        double fraction = (target - c[hi - 1]) / step;
        return x[hi - 1] + fraction * (x[hi] - x[hi - 1]);
    }

    static double of(StepCdf reference, StepCdf current) {
        double[] area = {0};
        StepCdf.walk(reference, current, (x, next, fa, fb) -> {
            if (next != Double.POSITIVE_INFINITY) {
                area[0] += Math.abs(fa - fb) * (next - x);
            }
        });
        return area[0];
    }
}
