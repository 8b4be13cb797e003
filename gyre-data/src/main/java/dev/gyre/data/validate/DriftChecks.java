package dev.gyre.data.validate;

import dev.gyre.data.drift.DatasetDrift;
import dev.gyre.data.drift.DriftConfig;
import dev.gyre.data.drift.FeatureDrift;
import dev.gyre.data.drift.ProfileComparison;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.schema.ColumnSchema;
import dev.gyre.data.schema.DriftRule;
import dev.gyre.data.schema.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drift against the previous span and skew against the training data, both measured by {@link ProfileDrift} on
 * the profiles of the columns they share with the same type (missing columns and type changes are the schema
 * checks' to report). A column with its own {@code drift:} or {@code skew:} rule in the schema is compared alone,
 * with that method and threshold.
 */
final class DriftChecks {

    private DriftChecks() {}

    /** Drift ({@code skew} false) or skew anomalies of {@code current} against {@code baseline}. */
    static List<Anomaly> run(
            DatasetProfile baseline, DatasetProfile current, Schema schema, ValidationOptions options, boolean skew) {
        Function<ColumnSchema, DriftRule> ruleOf = skew ? ColumnSchema::skew : ColumnSchema::drift;
        ProfileDrift defaults = new ProfileDrift(options.driftConfig(), options.ksMinimumEffect());
        List<FeatureDrift> features =
                new ArrayList<>(defaults.compare(baseline, current).drift().features());
        for (int i = 0; i < features.size(); i++) {
            String name = features.get(i).feature();
            Optional<DriftRule> rule = schema.column(name).map(ruleOf);
            if (rule.isPresent()) {
                features.set(i, withRule(baseline, current, name, rule.get(), options));
            }
        }
        DatasetDrift dataset = DatasetDrift.of(features, options.driftConfig().datasetDriftShare());
        AnomalyKind kind = skew ? AnomalyKind.SKEW : AnomalyKind.DRIFT;
        String against = skew ? "the training data" : "the reference";
        List<Anomaly> anomalies = new ArrayList<>();
        if (dataset.drifted()) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("drifted_features", dataset.driftedFeatures());
            evidence.put("compared_features", dataset.features().size());
            evidence.put("share", dataset.share());
            evidence.put("threshold", dataset.threshold());
            anomalies.add(new Anomaly(
                    kind,
                    options.driftSeverity(),
                    null,
                    dataset.driftedFeatures() + " of " + dataset.features().size() + " features differ from "
                            + against + " (" + Numbers.percent(dataset.share()) + ", threshold "
                            + Numbers.percent(dataset.threshold()) + ")",
                    evidence));
        }
        for (FeatureDrift feature : features) {
            if (feature.drifted()) {
                anomalies.add(anomaly(kind, options, feature, against));
            }
        }
        return anomalies;
    }

    private static FeatureDrift withRule(
            DatasetProfile baseline, DatasetProfile current, String name, DriftRule rule, ValidationOptions options) {
        DriftConfig config = options.driftConfig().withMethod(name, rule.method());
        if (rule.threshold() != null) {
            config = config.withThreshold(rule.method(), rule.threshold());
        }
        ProfileComparison alone =
                new ProfileDrift(config, options.ksMinimumEffect()).compare(only(baseline, name), only(current, name));
        return alone.drift().features().getFirst();
    }

    private static DatasetProfile only(DatasetProfile profile, String name) {
        FeatureProfile feature = profile.feature(name).orElseThrow();
        return DatasetProfile.of(profile.rowCount(), List.of(feature));
    }

    private static Anomaly anomaly(AnomalyKind kind, ValidationOptions options, FeatureDrift feature, String against) {
        String method = feature.method().name().toLowerCase(Locale.ROOT);
        Map<String, Object> evidence = new LinkedHashMap<>();
        evidence.put("method", method);
        evidence.put("statistic", feature.statistic());
        if (feature.pValue() != null) {
            evidence.put("p_value", feature.pValue());
        }
        evidence.put("threshold", feature.threshold());
        String test = feature.pValue() == null
                ? "statistic " + Numbers.format(feature.statistic()) + " >= " + Numbers.format(feature.threshold())
                : "statistic " + Numbers.format(feature.statistic()) + ", p = " + Numbers.format(feature.pValue())
                        + " < " + Numbers.format(feature.threshold());
        return new Anomaly(
                kind,
                options.driftSeverity(),
                feature.feature(),
                feature.feature() + ": differs from " + against + " (" + method + " " + test + ")",
                evidence);
    }
}
