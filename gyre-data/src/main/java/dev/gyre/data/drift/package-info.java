/**
 * Drift and skew statistics between a reference and a current distribution of one feature.
 *
 * <p>Every statistic is computable from raw samples and from compact summaries ({@link
 * dev.gyre.data.drift.NumericSummary} wraps a KLL quantile sketch, {@link dev.gyre.data.drift.CategoricalSummary}
 * exact value counts), so two large datasets can be compared without re-reading them. {@link
 * dev.gyre.data.drift.DriftDetector} picks a method per feature following Evidently's defaults and {@link
 * dev.gyre.data.drift.DriftConfig} holds every threshold.
 *
 * <p>Reproducibility: DataSketches' KLL compaction draws from an unseedable static {@code Random}, so sketched
 * statistics of large features vary slightly between two profiles (or summaries) of the same data, within the
 * documented KLL rank error (each statistic's class bounds its effect). Profiles keep the exact values of features
 * with at most {@link dev.gyre.data.profile.SketchParameters#EXACT_VALUES_LIMIT} finite values, and {@link
 * dev.gyre.data.drift.ProfileDrift} computes their statistics from those values: exact and deterministic, so small
 * datasets, where tests are sensitive and users notice flapping, get the same verdict on every run.
 */
package dev.gyre.data.drift;
