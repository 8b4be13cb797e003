package dev.gyre.data.drift;

import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * Measures feature and dataset drift with the methods and thresholds of a {@link DriftConfig}.
 *
 * <p>Default method per feature (Evidently's rules): numeric with a reference of at most {@code smallSampleMaxRows}
 * rows → Kolmogorov–Smirnov (drift if p &lt; 0.05), else normed Wasserstein (drift if ≥ 0.1); categorical with a small
 * reference → two-proportion z-test if binary, else chi-square (p &lt; 0.05); larger → Jensen–Shannon (≥ 0.1).
 */
public final class DriftDetector {

    private final DriftConfig config;

    public DriftDetector(DriftConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** A detector with {@link DriftConfig#defaults()}. */
    public static DriftDetector withDefaults() {
        return new DriftDetector(DriftConfig.defaults());
    }

    /** Evidently's default method for a numeric feature whose reference has {@code referenceRows} rows. */
    public DriftMethod defaultNumericMethod(long referenceRows) {
        return referenceRows <= config.smallSampleMaxRows()
                ? DriftMethod.KOLMOGOROV_SMIRNOV
                : DriftMethod.WASSERSTEIN_NORMED;
    }

    /**
     * Evidently's default method for a categorical feature whose reference has {@code referenceRows} rows and which
     * takes {@code categories} distinct values over reference and current together.
     */
    public DriftMethod defaultCategoricalMethod(long referenceRows, int categories) {
        if (referenceRows > config.smallSampleMaxRows()) {
            return DriftMethod.JENSEN_SHANNON;
        }
        return categories <= 2 ? DriftMethod.Z_TEST : DriftMethod.CHI_SQUARE;
    }

    /** Drift of a numeric feature from raw samples (NaN ignored); statistics are exact. */
    public FeatureDrift numeric(String feature, double[] reference, double[] current) {
        StepCdf ref = StepCdf.ofSample(reference);
        StepCdf cur = StepCdf.ofSample(current);
        DriftMethod method = numericMethod(feature, ref.total());
        BinnedDistributions plot = CommonBins.equalWidth(ref, cur, config.histogramBins());
        return switch (method) {
            case KOLMOGOROV_SMIRNOV -> withPValue(feature, method, KolmogorovSmirnov.test(reference, current), plot);
            case WASSERSTEIN_NORMED ->
                withDistance(
                        feature,
                        method,
                        WassersteinDistance.normed(
                                WassersteinDistance.of(ref, cur), Samples.populationStandardDeviation(ref.points())),
                        plot);
            case PSI ->
                withDistance(
                        feature,
                        method,
                        PopulationStabilityIndex.of(
                                CommonBins.referenceQuantiles(ref, cur, config.bins()), config.emptyBinShare()),
                        plot);
            case JENSEN_SHANNON ->
                withDistance(
                        feature,
                        method,
                        JensenShannonDistance.of(CommonBins.referenceQuantiles(ref, cur, config.bins())),
                        plot);
            default -> throw new IllegalStateException("unreachable: " + method);
        };
    }

    /** Drift of a numeric feature from sketches; see each statistic for its error bound. */
    public FeatureDrift numeric(String feature, NumericSummary reference, NumericSummary current) {
        DriftMethod method = numericMethod(feature, reference.count());
        BinnedDistributions plot = CommonBins.equalWidth(reference, current, config.histogramBins());
        return switch (method) {
            case KOLMOGOROV_SMIRNOV -> withPValue(feature, method, KolmogorovSmirnov.test(reference, current), plot);
            case WASSERSTEIN_NORMED ->
                withDistance(feature, method, WassersteinDistance.normed(reference, current), plot);
            case PSI ->
                withDistance(
                        feature,
                        method,
                        PopulationStabilityIndex.of(
                                CommonBins.referenceQuantiles(reference, current, config.bins()),
                                config.emptyBinShare()),
                        plot);
            case JENSEN_SHANNON ->
                withDistance(
                        feature,
                        method,
                        JensenShannonDistance.of(CommonBins.referenceQuantiles(reference, current, config.bins())),
                        plot);
            default -> throw new IllegalStateException("unreachable: " + method);
        };
    }

    /** Drift of a categorical feature from raw values (null = missing, ignored). */
    public FeatureDrift categorical(String feature, Collection<String> reference, Collection<String> current) {
        return categorical(feature, CategoricalSummary.of(reference), CategoricalSummary.of(current));
    }

    /** Drift of a categorical feature from value counts. */
    public FeatureDrift categorical(String feature, CategoricalSummary reference, CategoricalSummary current) {
        BinnedDistributions shares = CommonBins.categories(reference, current);
        DriftMethod method = config.methodOverrides()
                .getOrDefault(feature, defaultCategoricalMethod(reference.total(), shares.size()));
        if (!method.supportsCategorical()) {
            throw new IllegalArgumentException(method + " does not apply to categorical feature " + feature);
        }
        return switch (method) {
            case Z_TEST -> withPValue(feature, method, ProportionZTest.test(reference, current), shares);
            case CHI_SQUARE -> withPValue(feature, method, ChiSquareHomogeneity.test(reference, current), shares);
            case JENSEN_SHANNON -> withDistance(feature, method, JensenShannonDistance.of(shares), shares);
            case PSI ->
                withDistance(feature, method, PopulationStabilityIndex.of(shares, config.emptyBinShare()), shares);
            case L_INFINITY -> withDistance(feature, method, LInfinityDistance.of(shares), shares);
            default -> throw new IllegalStateException("unreachable: " + method);
        };
    }

    /** Dataset drift from feature results, with the configured share threshold. */
    public DatasetDrift dataset(List<FeatureDrift> features) {
        return DatasetDrift.of(features, config.datasetDriftShare());
    }

    private DriftMethod numericMethod(String feature, long referenceRows) {
        DriftMethod method = config.methodOverrides().getOrDefault(feature, defaultNumericMethod(referenceRows));
        if (!method.supportsNumeric()) {
            throw new IllegalArgumentException(method + " does not apply to numeric feature " + feature);
        }
        return method;
    }

    private FeatureDrift withPValue(String feature, DriftMethod method, TestResult result, BinnedDistributions plot) {
        double threshold = config.thresholdFor(method);
        return new FeatureDrift(
                feature,
                method,
                result.statistic(),
                result.pValue(),
                threshold,
                method.drifted(result.statistic(), result.pValue(), threshold),
                plot);
    }

    private FeatureDrift withDistance(String feature, DriftMethod method, double distance, BinnedDistributions plot) {
        double threshold = config.thresholdFor(method);
        return new FeatureDrift(
                feature, method, distance, null, threshold, method.drifted(distance, Double.NaN, threshold), plot);
    }
}
