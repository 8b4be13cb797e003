package dev.gyre.train.trainer;

import java.util.List;

/**
 * Which XGBoost evaluation metrics improve upwards; the rest (losses, errors) improve downwards. Early stopping and
 * the tuning search rank by the same rule.
 */
public final class Maximize {

    private static final List<String> PREFIXES = List.of("auc", "aucpr", "pre", "map", "ndcg");

    private Maximize() {}

    /** Whether higher values of {@code metric} (e.g. {@code auc}, {@code ndcg@5}) are better. */
    public static boolean metric(String metric) {
        String base = metric.contains("@") ? metric.substring(0, metric.indexOf('@')) : metric;
        return PREFIXES.contains(base);
    }
}
