/**
 * Drift and skew statistics between a reference and a current distribution of one feature.
 *
 * <p>Every statistic is computable from raw samples and from compact summaries ({@link
 * dev.gyre.data.drift.NumericSummary} wraps a KLL quantile sketch, {@link dev.gyre.data.drift.CategoricalSummary}
 * exact value counts), so two large datasets can be compared without re-reading them. {@link
 * dev.gyre.data.drift.DriftDetector} picks a method per feature following Evidently's defaults and {@link
 * dev.gyre.data.drift.DriftConfig} holds every threshold.
 */
package dev.gyre.data.drift;
