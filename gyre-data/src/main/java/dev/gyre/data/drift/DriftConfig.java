package dev.gyre.data.drift;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Thresholds and choices of drift detection; {@link #defaults()} follows Evidently.
 *
 * @param smallSampleMaxRows a reference with at most this many rows uses the small-sample test (KS for numeric,
 *     z-test for binary and chi-square for other categorical), a larger one the distance (normed Wasserstein, Jensen–Shannon); default 1000
 * @param thresholds per method: a p-value level for p-value methods, a distance for the others (defaults: KS,
 *     chi-square and z-test 0.05, normed Wasserstein, Jensen–Shannon, PSI and L-infinity 0.1)
 * @param bins number of reference-quantile bins for PSI and Jensen–Shannon on numeric features; default 10
 * @param emptyBinShare share substituted for an empty bin in PSI; default 1e-4
 * @param histogramBins number of equal-width bins of the numeric plot histograms; default 20
 * @param datasetDriftShare the dataset drifts when at least this share of features drifts; default 0.5
 * @param methodOverrides per-feature method replacing the default choice
 */
public record DriftConfig(
        long smallSampleMaxRows,
        Map<DriftMethod, Double> thresholds,
        int bins,
        double emptyBinShare,
        int histogramBins,
        double datasetDriftShare,
        Map<String, DriftMethod> methodOverrides) {

    public DriftConfig {
        EnumMap<DriftMethod, Double> all = new EnumMap<>(DriftMethod.class);
        all.putAll(defaultThresholds());
        all.putAll(Objects.requireNonNull(thresholds, "thresholds"));
        thresholds = Map.copyOf(all);
        methodOverrides = Map.copyOf(methodOverrides);
        if (bins < 2 || histogramBins < 2) {
            throw new IllegalArgumentException("need at least 2 bins");
        }
        if (!(emptyBinShare > 0) || !(datasetDriftShare >= 0 && datasetDriftShare <= 1)) {
            throw new IllegalArgumentException("emptyBinShare must be > 0 and datasetDriftShare in [0, 1]");
        }
        all.forEach((method, threshold) -> {
            if (!(threshold >= 0) || (method.pValueBased() && threshold > 1)) {
                throw new IllegalArgumentException("threshold of " + method.label() + " must be "
                        + (method.pValueBased() ? "a p-value level in [0, 1]" : ">= 0") + ", was " + threshold);
            }
        });
    }

    /** Evidently's defaults. */
    public static DriftConfig defaults() {
        return new DriftConfig(
                1000,
                defaultThresholds(),
                PopulationStabilityIndex.DEFAULT_BINS,
                PopulationStabilityIndex.DEFAULT_EPSILON,
                20,
                0.5,
                Map.of());
    }

    /** The threshold of {@code method}. */
    public double thresholdFor(DriftMethod method) {
        return thresholds.get(method);
    }

    /** A copy with {@code method}'s threshold replaced. */
    public DriftConfig withThreshold(DriftMethod method, double threshold) {
        Map<DriftMethod, Double> copy = new EnumMap<>(thresholds);
        copy.put(method, threshold);
        return new DriftConfig(
                smallSampleMaxRows, copy, bins, emptyBinShare, histogramBins, datasetDriftShare, methodOverrides);
    }

    /** A copy in which the dataset drifts when at least {@code share} of its features drift. */
    public DriftConfig withDatasetDriftShare(double share) {
        return new DriftConfig(
                smallSampleMaxRows, thresholds, bins, emptyBinShare, histogramBins, share, methodOverrides);
    }

    /** A copy whose small-sample tests apply up to {@code rows} reference rows. */
    public DriftConfig withSmallSampleMaxRows(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("smallSampleMaxRows must be >= 0, was " + rows);
        }
        return new DriftConfig(
                rows, thresholds, bins, emptyBinShare, histogramBins, datasetDriftShare, methodOverrides);
    }

    /** A copy that measures {@code feature} with {@code method}. */
    public DriftConfig withMethod(String feature, DriftMethod method) {
        Map<String, DriftMethod> copy = new HashMap<>(methodOverrides);
        copy.put(feature, method);
        return new DriftConfig(
                smallSampleMaxRows, thresholds, bins, emptyBinShare, histogramBins, datasetDriftShare, copy);
    }

    private static Map<DriftMethod, Double> defaultThresholds() {
        return Map.of(
                DriftMethod.KOLMOGOROV_SMIRNOV, 0.05,
                DriftMethod.CHI_SQUARE, 0.05,
                DriftMethod.Z_TEST, 0.05,
                DriftMethod.WASSERSTEIN_NORMED, 0.1,
                DriftMethod.JENSEN_SHANNON, 0.1,
                DriftMethod.PSI, 0.1,
                DriftMethod.L_INFINITY, 0.1);
    }
}
