package dev.gyre.data.validate;

import dev.gyre.data.drift.DriftConfig;
import dev.gyre.data.drift.ProfileDrift;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.quality.Severity;
import java.util.Objects;

/**
 * Baselines and thresholds of a validation. Columns may override the drift or skew test in the schema itself.
 *
 * @param reference the profile of the previous span, for {@link AnomalyKind#DRIFT} and
 *     {@link AnomalyKind#ROW_COUNT_CHANGE}, or {@code null}
 * @param training the profile of the training data, for {@link AnomalyKind#SKEW}, or {@code null}
 * @param driftConfig default tests and thresholds, as {@link ProfileDrift} uses them
 * @param ksMinimumEffect the smallest KS D that counts as drift on large references (see {@link ProfileDrift})
 * @param driftSeverity severity of drift and skew anomalies; {@link Severity#WARNING} by default, since a shifted
 *     distribution needs a look more often than it needs to stop a pipeline
 * @param maxRowCountChange the largest relative change of the row count against the reference that passes
 *     unreported (default 0.5: half or one and a half times as many rows); {@code +∞} turns the check off
 * @param maxExamples how many offending values an anomaly lists (default 5)
 */
public record ValidationOptions(
        DatasetProfile reference,
        DatasetProfile training,
        DriftConfig driftConfig,
        double ksMinimumEffect,
        Severity driftSeverity,
        double maxRowCountChange,
        int maxExamples) {

    public ValidationOptions {
        Objects.requireNonNull(driftConfig, "driftConfig");
        Objects.requireNonNull(driftSeverity, "driftSeverity");
        if (!(ksMinimumEffect >= 0 && ksMinimumEffect <= 1)) {
            throw new IllegalArgumentException("ksMinimumEffect must be in [0, 1], was " + ksMinimumEffect);
        }
        if (!(maxRowCountChange >= 0)) {
            throw new IllegalArgumentException("maxRowCountChange must be >= 0, was " + maxRowCountChange);
        }
        if (maxExamples < 0) {
            throw new IllegalArgumentException("maxExamples must be >= 0, was " + maxExamples);
        }
    }

    /** No baselines, {@link DriftConfig#defaults()}, warnings for drift and skew. */
    public static ValidationOptions defaults() {
        return new ValidationOptions(
                null, null, DriftConfig.defaults(), ProfileDrift.DEFAULT_KS_MINIMUM_EFFECT, Severity.WARNING, 0.5, 5);
    }

    public ValidationOptions withReference(DatasetProfile profile) {
        return new ValidationOptions(
                profile, training, driftConfig, ksMinimumEffect, driftSeverity, maxRowCountChange, maxExamples);
    }

    public ValidationOptions withTraining(DatasetProfile profile) {
        return new ValidationOptions(
                reference, profile, driftConfig, ksMinimumEffect, driftSeverity, maxRowCountChange, maxExamples);
    }

    /** A copy that decides drift and skew with {@code config} and KS minimum effect {@code ksMinimumEffect}. */
    public ValidationOptions withDrift(DriftConfig config, double ksMinimumEffect) {
        return new ValidationOptions(
                reference, training, config, ksMinimumEffect, driftSeverity, maxRowCountChange, maxExamples);
    }

    public ValidationOptions withDriftSeverity(Severity severity) {
        return new ValidationOptions(
                reference, training, driftConfig, ksMinimumEffect, severity, maxRowCountChange, maxExamples);
    }
}
