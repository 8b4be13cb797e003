package dev.gyre.data.schema;

import dev.gyre.data.drift.DriftMethod;
import java.util.Objects;

/**
 * A column's own drift (or training/serving skew) test, replacing the validator's default choice; TFDV keeps the
 * same per-feature comparators in its schema, because a threshold that suits one feature rarely suits all.
 *
 * @param method the test to run
 * @param threshold its threshold (a p-value level or a distance, see {@link DriftMethod#pValueBased()}), or
 *     {@code null} for the configured default of that method
 */
public record DriftRule(DriftMethod method, Double threshold) {

    public DriftRule {
        Objects.requireNonNull(method, "method");
        if (threshold != null && !(threshold >= 0)) {
            throw new IllegalArgumentException("threshold must be >= 0, was " + threshold);
        }
    }
}
