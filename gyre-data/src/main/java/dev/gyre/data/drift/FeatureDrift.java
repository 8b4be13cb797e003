package dev.gyre.data.drift;

import java.util.Objects;

/**
 * Drift of one feature between reference and current data.
 *
 * @param feature feature name
 * @param method how it was measured
 * @param statistic the method's statistic (KS D, chi-square X2, or the distance)
 * @param pValue the test's p-value, null for distance methods
 * @param threshold the threshold applied (to the p-value or to the statistic, see {@link DriftMethod#pValueBased()})
 * @param drifted whether drift was detected
 * @param histograms both distributions on common bins, for a plot
 */
public record FeatureDrift(
        String feature,
        DriftMethod method,
        double statistic,
        Double pValue,
        double threshold,
        boolean drifted,
        BinnedDistributions histograms) {

    public FeatureDrift {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(histograms, "histograms");
        if (method.pValueBased() != (pValue != null)) {
            throw new IllegalArgumentException("a p-value is required exactly for p-value methods: " + method);
        }
    }
}
