package dev.gyre.data.drift;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;

/**
 * Two-sample Kolmogorov–Smirnov test: {@code D = sup_x |F_ref(x) - F_cur(x)|}, in [0, 1].
 *
 * <p><b>Samples</b>: D is exact (a merge walk over both sorted samples, ties handled); the p-value is commons-statistics'
 * {@link KolmogorovSmirnovTest} (two-sided, its automatic choice of exact or asymptotic method).
 *
 * <p><b>Sketches</b>: D is evaluated on the union of both sketches' retained items, which is where the sketches' step
 * CDFs ({@code getRank(x, INCLUSIVE)}) change, so it is the exact sup distance between the two sketched CDFs. Since each
 * sketched CDF is within its normalized rank error {@code eps} of the true ECDF, {@code |D_sketch - D_exact| <=
 * eps_ref + eps_cur} ({@link #sketchErrorBound}; 99% confidence per sketch, about 0.027 for two sketches with k =
 * 200). The p-value is Kolmogorov's asymptotic distribution at {@code sqrt(n_e) * D} with effective size {@code n_e =
 * n_ref * n_cur / (n_ref + n_cur)}; with large {@code n_e} it is dominated by the sketch error of D and is best read
 * as an indication.
 */
public final class KolmogorovSmirnov {

    private KolmogorovSmirnov() {}

    /** Exact two-sample D of raw samples (NaN ignored). */
    public static double statistic(double[] reference, double[] current) {
        return statistic(StepCdf.ofSample(reference), StepCdf.ofSample(current));
    }

    /** Exact D and commons-statistics' two-sided p-value of raw samples (NaN ignored). */
    public static TestResult test(double[] reference, double[] current) {
        StepCdf ref = StepCdf.ofSample(reference);
        StepCdf cur = StepCdf.ofSample(current);
        double d = statistic(ref, cur);
        double p = KolmogorovSmirnovTest.withDefaults()
                .test(ref.points(), cur.points())
                .getPValue();
        return new TestResult(d, p, 0);
    }

    /** D between two sketched distributions and its asymptotic p-value; see the class comment for the error bound. */
    public static TestResult test(NumericSummary reference, NumericSummary current) {
        double d = statistic(StepCdf.ofSketch(reference.sketch()), StepCdf.ofSketch(current.sketch()));
        double n = reference.count();
        double m = current.count();
        double effective = n * m / (n + m);
        return new TestResult(d, KolmogorovLimit.survival(Math.sqrt(effective) * d), 0);
    }

    /** Bound on {@code |D_sketch - D_exact|}: the sum of both sketches' single-query normalized rank errors. */
    public static double sketchErrorBound(NumericSummary reference, NumericSummary current) {
        return reference.rankError() + current.rankError();
    }

    static double statistic(StepCdf reference, StepCdf current) {
        double[] max = {0};
        StepCdf.walk(reference, current, (x, next, fa, fb) -> max[0] = Math.max(max[0], Math.abs(fa - fb)));
        return max[0];
    }
}
