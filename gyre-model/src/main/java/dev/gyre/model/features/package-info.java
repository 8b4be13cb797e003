/**
 * The declarative feature pipeline: transforms fitted on training data only, saved inside the model package and
 * applied by the same code at serving time, so training/serving skew cannot come from two implementations.
 *
 * <p>Users write a {@link dev.gyre.model.features.PipelineSpec} in the project file:
 *
 * <pre>{@code
 * pipeline:                                   # or 'pipeline: auto', or no section at all
 *   - impute: {columns: [annual_inc], strategy: median}   # median | mean | most_frequent | constant (value: 0)
 *   - standardize: {columns: [annual_inc]}
 *   - onehot: {columns: [addr_state], max_categories: 20, min_frequency: 5}  # the rest → addr_state=<unknown>
 *   - ordinal: {columns: [sub_grade]}         # sorted categories → 0..k-1, unseen → -1, missing → NaN
 *   - frequency: {columns: [addr_state]}      # training share of rows, unseen → 0, missing → NaN
 *   - bucketize: {columns: [int_rate], buckets: 10, method: quantile}   # or method: width, or edges: [5, 10, 15]
 *   - date_parts: {columns: [issued], parts: [year, month, day_of_week, hour]}
 *   - hash: {columns: [title], buckets: 64}   # token counts, murmur3_32 of lower-cased letter/digit runs
 *   - drop: {columns: [id]}
 * }</pre>
 *
 * {@link dev.gyre.model.features.FeaturePipeline#fit} learns a {@link dev.gyre.model.features.FittedPipeline},
 * whose {@code transform} gives the model's {@link dev.gyre.model.features.FeatureMatrix} and which {@link
 * dev.gyre.model.features.PipelineJson} writes as {@code gyre.pipeline/v1} JSON.
 */
package dev.gyre.model.features;
