package dev.gyre.train.evaluate;

import java.util.Locale;
import java.util.Set;

/**
 * Whether a larger value of a metric means a better model. Comparisons against baselines and champions, and the
 * sign of every "delta" in a report, depend on it; getting it wrong would call a worse model better.
 */
public enum MetricDirection {
    HIGHER_IS_BETTER,
    LOWER_IS_BETTER;

    private static final Set<String> LOWER =
            Set.of("log_loss", "brier", "ece", "rmse", "mse", "mae", "max_error", "median_ae", "error_rate", "mape");

    /**
     * The direction of {@code metric} (lower-case, as in {@link #asMap} maps and project targets). Known losses and
     * errors, and any name containing {@code loss}, {@code error}, {@code latency} or {@code memory}, are
     * lower-is-better; everything else (auc, pr_auc, accuracy, precision, recall, f1 and their macro/weighted
     * variants, r2, throughput) is higher-is-better.
     */
    public static MetricDirection of(String metric) {
        String name = metric.toLowerCase(Locale.ROOT);
        if (LOWER.contains(name)
                || name.contains("loss")
                || name.contains("error")
                || name.contains("latency")
                || name.contains("memory")) {
            return LOWER_IS_BETTER;
        }
        return HIGHER_IS_BETTER;
    }

    /** Whether {@code candidate} is strictly better than {@code other} under this direction; false for NaN. */
    public boolean better(double candidate, double other) {
        return this == HIGHER_IS_BETTER ? candidate > other : candidate < other;
    }

    /** The lower-case name used in JSON. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
