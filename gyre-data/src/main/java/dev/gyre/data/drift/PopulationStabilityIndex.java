package dev.gyre.data.drift;

/**
 * Population Stability Index {@code PSI = sum_i (c_i - r_i) * ln(c_i / r_i)} over common bins, natural logarithm,
 * in [0, inf); {@code r_i}, {@code c_i} are the reference and current shares of bin {@code i}, a share of 0 replaced
 * by {@code epsilon} (default {@value #DEFAULT_EPSILON}, Evidently's value) so that empty bins stay finite. Numeric
 * bins are the reference's deciles by default ({@link CommonBins#referenceQuantiles}); rule of thumb: below 0.1 no
 * significant change, 0.1–0.25 moderate, above 0.25 significant. From sketches every bin edge and share is within the
 * rank error, which has no simple bound on PSI (its log ratio is unbounded); measured: about 10% relative on the weather
 * temperatures at k = 200.
 */
public final class PopulationStabilityIndex {

    /** Share used in place of an empty bin's 0. */
    public static final double DEFAULT_EPSILON = 1e-4;

    /** Default number of reference-quantile bins. */
    public static final int DEFAULT_BINS = 10;

    private PopulationStabilityIndex() {}

    /** PSI of distributions already on common bins. */
    public static double of(BinnedDistributions binned, double epsilon) {
        return ofShares(binned.referenceShares(), binned.currentShares(), epsilon);
    }

    /** PSI of two share vectors over the same bins. */
    public static double ofShares(double[] reference, double[] current, double epsilon) {
        if (reference.length != current.length) {
            throw new IllegalArgumentException("share vectors differ in length");
        }
        double psi = 0;
        for (int i = 0; i < reference.length; i++) {
            double r = reference[i] > 0 ? reference[i] : epsilon;
            double c = current[i] > 0 ? current[i] : epsilon;
            psi += (c - r) * Math.log(c / r);
        }
        return psi;
    }
}
