package dev.gyre.data.drift;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Compact summary of a categorical feature: value → count, and the total number of non-missing values.
 *
 * <p>The counts may be exact or a frequent-items sketch's estimates; {@code total} may exceed the sum of counts when
 * rare values were dropped, in which case the remainder is treated as one extra "other" category.
 *
 * @param counts non-negative count per category value (copied, unmodifiable)
 * @param total number of values, {@code >= sum(counts)} and {@code > 0}
 */
public record CategoricalSummary(Map<String, Long> counts, long total) {

    /** Category name used for the remainder {@code total - sum(counts)} when it is positive. */
    public static final String OTHER = "__other__";

    public CategoricalSummary {
        counts = Map.copyOf(Objects.requireNonNull(counts, "counts"));
        long sum = 0;
        for (long c : counts.values()) {
            if (c < 0) {
                throw new IllegalArgumentException("negative count");
            }
            sum += c;
        }
        if (total < sum || total <= 0) {
            throw new IllegalArgumentException("total " + total + " must be positive and >= sum of counts " + sum);
        }
    }

    /** Exact counts of {@code values}; null values are ignored (missing). */
    public static CategoricalSummary of(Collection<String> values) {
        Map<String, Long> counts = new HashMap<>();
        long total = 0;
        for (String v : values) {
            if (v != null) {
                counts.merge(v, 1L, Long::sum);
                total++;
            }
        }
        return new CategoricalSummary(counts, total);
    }

    /** Counts including the {@link #OTHER} remainder when {@code total} exceeds the sum of the listed counts. */
    Map<String, Long> completeCounts() {
        long sum = counts.values().stream().mapToLong(Long::longValue).sum();
        if (sum == total) {
            return counts;
        }
        Map<String, Long> all = new HashMap<>(counts);
        all.merge(OTHER, total - sum, Long::sum);
        return all;
    }
}
