package dev.gyre.data.drift;

import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.SignificanceResult;

/**
 * Pearson chi-square test of homogeneity for a categorical feature: the 2 × k contingency table of reference and
 * current counts over the union of categories, {@code X2 = sum (O - E)^2 / E} with {@code E = rowTotal * colTotal /
 * N}, {@code k - 1} degrees of freedom, p-value from commons-statistics {@link ChiSquareTest}. (Evidently instead
 * tests the current counts against reference shares scaled to the current size, which is undefined for categories
 * absent from the reference; the homogeneity test treats both samples symmetrically.) Counts must be exact for the
 * p-value to be meaningful.
 */
public final class ChiSquareHomogeneity {

    private ChiSquareHomogeneity() {}

    /** Test on two categorical summaries; a single common category gives statistic 0, p-value 1, 0 dof. */
    public static TestResult test(CategoricalSummary reference, CategoricalSummary current) {
        CommonBins.CategoryTable table = CommonBins.CategoryTable.of(reference, current);
        int k = table.categories().size();
        if (k < 2) {
            return new TestResult(0, 1, 0);
        }
        SignificanceResult result =
                ChiSquareTest.withDefaults().test(new long[][] {table.reference(), table.current()});
        return new TestResult(result.getStatistic(), result.getPValue(), k - 1);
    }
}
