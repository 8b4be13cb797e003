package dev.gyre.data.drift;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.read.GyreType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.apache.datasketches.frequencies.ErrorType;
import org.apache.datasketches.frequencies.FrequentItemsSketch;
import org.apache.datasketches.kll.KllDoublesSketch;

/**
 * Compares two {@link DatasetProfile}s without re-reading their data.
 *
 * <p>Numeric and timestamp features: when both profiles keep the feature's exact values (at most {@link
 * dev.gyre.data.profile.SketchParameters#EXACT_VALUES_LIMIT} finite values each), every statistic is computed from
 * them as from raw samples ({@link KolmogorovSmirnov#test(double[], double[])} with its exact or asymptotic p-value,
 * exact Wasserstein, reference-quantile bins): exact, and the same on every run. Otherwise, a {@link
 * NumericSummary} of the profile's KLL sketch (built from the exact values on a side that has them) with the
 * profile's exact mean and population standard deviation; since KLL compaction is randomised, these results vary
 * slightly between profiles of the same data, within the sketch errors below. {@link ProfileComparison#sources()}
 * says which applied. The method is the Kolmogorov–Smirnov test, not Evidently's normed
 * Wasserstein: at KLL k = 200 the sketched Wasserstein overstates drift on heavy-tailed columns (0.07–0.11 against an
 * exact 0.053 on flight delays), while D is within the sum of both rank errors (about 0.03) of the exact value.
 * Drift when {@code p < } the configured KS level (0.05); when the reference has more than {@code smallSampleMaxRows}
 * rows (1000), where any tiny difference is significant, D must also be at least a minimum effect ({@value
 * #DEFAULT_KS_MINIMUM_EFFECT} by default, well above the sketch error). The normed Wasserstein is reported as an
 * extra figure. A per-feature method override in the {@link DriftConfig} replaces KS with the detector's method.
 *
 * <p>String and boolean features: a {@link CategoricalSummary} of the frequent-items counts (exact below 384 distinct
 * values, then reported as {@link DistributionSource#EXACT}) whose remainder up to the sketch's stream length becomes {@value CategoricalSummary#OTHER}; the method is
 * {@link DriftDetector}'s: Jensen–Shannon (base 2, drift if ≥ 0.1) above 1000 reference rows, else chi-square or, for
 * binary features, the equivalent z-test (drift if p &lt; 0.05).
 *
 * <p>Features in only one profile, with a changed type, or without values on a side are listed, not compared.
 */
public final class ProfileDrift {

    /** Default minimum KS D for large references. */
    public static final double DEFAULT_KS_MINIMUM_EFFECT = 0.1;

    private final DriftConfig config;
    private final DriftDetector detector;
    private final double ksMinimumEffect;

    public ProfileDrift(DriftConfig config, double ksMinimumEffect) {
        this.config = Objects.requireNonNull(config, "config");
        this.detector = new DriftDetector(config);
        if (!(ksMinimumEffect >= 0 && ksMinimumEffect <= 1)) {
            throw new IllegalArgumentException("ksMinimumEffect must be in [0, 1]: " + ksMinimumEffect);
        }
        this.ksMinimumEffect = ksMinimumEffect;
    }

    /** Evidently's thresholds with KS for numeric features and the default minimum effect. */
    public static ProfileDrift withDefaults() {
        return new ProfileDrift(DriftConfig.defaults(), DEFAULT_KS_MINIMUM_EFFECT);
    }

    /** Drift of {@code current} against {@code reference}, feature by feature in reference order. */
    public ProfileComparison compare(DatasetProfile reference, DatasetProfile current) {
        List<FeatureDrift> drifts = new ArrayList<>();
        Map<String, Double> wasserstein = new LinkedHashMap<>();
        Map<String, GyreType> types = new HashMap<>();
        Set<String> minimumEffectApplied = new HashSet<>();
        List<String> onlyInReference = new ArrayList<>();
        List<TypeChange> typeChanges = new ArrayList<>();
        List<String> withoutValues = new ArrayList<>();
        Map<String, DistributionSource> sources = new HashMap<>();
        for (FeatureProfile ref : reference.features()) {
            Optional<FeatureProfile> match = current.feature(ref.name());
            if (match.isEmpty()) {
                onlyInReference.add(ref.name());
                continue;
            }
            FeatureProfile cur = match.get();
            types.put(ref.name(), ref.type());
            if (ref.type() != cur.type()) {
                typeChanges.add(new TypeChange(ref.name(), ref.type(), cur.type()));
            } else if (isCategorical(ref.type())) {
                Optional<FeatureDrift> categorical = categorical(ref, cur);
                categorical.ifPresentOrElse(drifts::add, () -> withoutValues.add(ref.name()));
                if (categorical.isPresent()) {
                    sources.put(
                            ref.name(),
                            exactCounts(ref) && exactCounts(cur)
                                    ? DistributionSource.EXACT
                                    : DistributionSource.SKETCH);
                }
            } else {
                Optional<NumericResult> numeric = numeric(ref, cur);
                if (numeric.isEmpty()) {
                    withoutValues.add(ref.name());
                    continue;
                }
                FeatureDrift result = numeric.get().drift();
                drifts.add(result);
                if (result.method() == DriftMethod.KOLMOGOROV_SMIRNOV
                        && appliesMinimumEffect(numeric.get().referenceCount())) {
                    minimumEffectApplied.add(ref.name());
                }
                wasserstein.put(ref.name(), numeric.get().normedWasserstein());
                sources.put(ref.name(), numeric.get().source());
            }
        }
        List<String> onlyInCurrent = current.features().stream()
                .map(FeatureProfile::name)
                .filter(name -> reference.feature(name).isEmpty())
                .toList();
        return new ProfileComparison(
                detector.dataset(drifts),
                types,
                wasserstein,
                ksMinimumEffect,
                minimumEffectApplied,
                onlyInReference,
                onlyInCurrent,
                typeChanges,
                withoutValues,
                sources);
    }

    /** A numeric feature's drift, normed Wasserstein and source; empty when a side has no finite values. */
    private record NumericResult(
            FeatureDrift drift, double normedWasserstein, long referenceCount, DistributionSource source) {}

    /** From both sides' exact values where both keep them, else from their KLL sketches. */
    private Optional<NumericResult> numeric(FeatureProfile reference, FeatureProfile current) {
        Optional<double[]> exactReference = reference.sketches().exactValues();
        Optional<double[]> exactCurrent = current.sketches().exactValues();
        if (exactReference.isPresent() && exactCurrent.isPresent()) {
            double[] r = exactReference.get();
            double[] c = exactCurrent.get();
            if (r.length == 0 || c.length == 0) {
                return Optional.empty();
            }
            return Optional.of(new NumericResult(
                    numeric(reference.name(), r, c),
                    WassersteinDistance.normed(r, c),
                    r.length,
                    DistributionSource.EXACT));
        }
        Optional<NumericSummary> r = numericSummary(reference);
        Optional<NumericSummary> c = numericSummary(current);
        if (r.isEmpty() || c.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new NumericResult(
                numeric(reference.name(), r.get(), c.get()),
                WassersteinDistance.normed(r.get(), c.get()),
                r.get().count(),
                DistributionSource.SKETCH));
    }

    private FeatureDrift numeric(String feature, NumericSummary reference, NumericSummary current) {
        if (config.methodOverrides().containsKey(feature)) {
            return detector.numeric(feature, reference, current);
        }
        return kolmogorovSmirnov(
                feature,
                KolmogorovSmirnov.test(reference, current),
                reference.count(),
                CommonBins.equalWidth(reference, current, config.histogramBins()));
    }

    /** As from raw samples: exact statistics and the sample KS p-value. */
    private FeatureDrift numeric(String feature, double[] reference, double[] current) {
        if (config.methodOverrides().containsKey(feature)) {
            return detector.numeric(feature, reference, current);
        }
        return kolmogorovSmirnov(
                feature,
                KolmogorovSmirnov.test(reference, current),
                reference.length,
                CommonBins.equalWidth(reference, current, config.histogramBins()));
    }

    private FeatureDrift kolmogorovSmirnov(
            String feature, TestResult ks, long referenceCount, BinnedDistributions histograms) {
        double level = config.thresholdFor(DriftMethod.KOLMOGOROV_SMIRNOV);
        boolean drifted =
                ks.pValue() < level && (!appliesMinimumEffect(referenceCount) || ks.statistic() >= ksMinimumEffect);
        return new FeatureDrift(
                feature, DriftMethod.KOLMOGOROV_SMIRNOV, ks.statistic(), ks.pValue(), level, drifted, histograms);
    }

    /** Whether the reference is large enough that a significant KS p-value alone is not drift. */
    private boolean appliesMinimumEffect(long referenceCount) {
        return referenceCount > config.smallSampleMaxRows();
    }

    /** Whether the feature's frequent-items counts are exact (the sketch never had to purge). */
    private static boolean exactCounts(FeatureProfile feature) {
        FrequentItemsSketch<String> sketch = feature.sketches().frequentItemsSketch();
        return sketch != null && sketch.getMaximumError() == 0;
    }

    private Optional<FeatureDrift> categorical(FeatureProfile reference, FeatureProfile current) {
        Optional<CategoricalSummary> r = categoricalSummary(reference);
        Optional<CategoricalSummary> c = categoricalSummary(current);
        if (r.isEmpty() || c.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(detector.categorical(reference.name(), r.get(), c.get()));
    }

    private static boolean isCategorical(GyreType type) {
        return type == GyreType.STRING || type == GyreType.BOOLEAN;
    }

    /**
     * The KLL sketch (built from the exact values where the profile keeps them) with the profile's exact mean and
     * population standard deviation; empty without values.
     */
    static Optional<NumericSummary> numericSummary(FeatureProfile feature) {
        KllDoublesSketch sketch = feature.sketches().kllSketch();
        if (sketch == null || sketch.isEmpty()) {
            return Optional.empty();
        }
        double std = feature.moments().populationStd();
        return Optional.of(new NumericSummary(sketch, feature.moments().mean(), Double.isNaN(std) ? 0 : std));
    }

    /**
     * The frequent-items estimates, the remainder up to the stream length becoming {@value CategoricalSummary#OTHER};
     * the lower bounds where the estimates (which may overcount) add up to more than the stream.
     */
    static Optional<CategoricalSummary> categoricalSummary(FeatureProfile feature) {
        FrequentItemsSketch<String> sketch = feature.sketches().frequentItemsSketch();
        if (sketch == null || sketch.isEmpty()) {
            return Optional.empty();
        }
        FrequentItemsSketch.Row<String>[] rows = sketch.getFrequentItems(ErrorType.NO_FALSE_NEGATIVES);
        long total = sketch.getStreamLength();
        Map<String, Long> estimates = new HashMap<>();
        Map<String, Long> lowerBounds = new HashMap<>();
        for (FrequentItemsSketch.Row<String> row : rows) {
            estimates.put(row.getItem(), row.getEstimate());
            lowerBounds.put(row.getItem(), row.getLowerBound());
        }
        long sum = estimates.values().stream().mapToLong(Long::longValue).sum();
        return Optional.of(new CategoricalSummary(sum <= total ? estimates : lowerBounds, total));
    }
}
