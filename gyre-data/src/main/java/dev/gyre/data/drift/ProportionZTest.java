package dev.gyre.data.drift;

import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two-proportion z-test for a binary categorical feature (Evidently's small-sample default for binary features): with
 * {@code x} the count of the lexically first category, {@code p_ref = x_ref / n_ref}, {@code p_cur = x_cur / n_cur}
 * and the pooled {@code p = (x_ref + x_cur) / (n_ref + n_cur)}, {@code z = (p_ref - p_cur) / sqrt(p (1 - p) (1/n_ref
 * + 1/n_cur))}; two-sided p-value {@code 2 * P(Z >= |z|)} from commons-statistics' standard normal. {@code z^2} equals
 * the chi-square statistic of the 2 × 2 table, so both tests give the same p-value.
 */
public final class ProportionZTest {

    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    private ProportionZTest() {}

    /** The test on two summaries with at most two categories between them; {@code z = 0}, p = 1 if only one. */
    public static TestResult test(CategoricalSummary reference, CategoricalSummary current) {
        CommonBins.CategoryTable table = CommonBins.CategoryTable.of(reference, current);
        int k = table.categories().size();
        if (k > 2) {
            throw new IllegalArgumentException("the proportion z-test needs a binary feature, got " + k + " values");
        }
        double nRef = reference.total();
        double nCur = current.total();
        double xRef = table.reference()[0];
        double xCur = table.current()[0];
        double pooled = (xRef + xCur) / (nRef + nCur);
        double variance = pooled * (1 - pooled) * (1 / nRef + 1 / nCur);
        if (!(variance > 0)) {
            return new TestResult(0, 1, 0);
        }
        double z = (xRef / nRef - xCur / nCur) / Math.sqrt(variance);
        return new TestResult(z, Math.min(1, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z))), 0);
    }
}
