package dev.gyre.train.project;

import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The metrics a project file may set targets on, per task, with the values each can take: a target outside them can
 * never be met and one covering them all gates nothing, and both are almost always typos ({@code auc >= 8} for
 * {@code 0.8}). Quality metrics are measured on the test set; serving metrics by the serving load test and the
 * monitor. The names are the ones the evaluation reports, so a target and its measurement meet by name.
 */
public enum KnownMetric {
    // binary
    AUC("auc", Scope.BINARY, 0, true, 1, true, true),
    PR_AUC("pr_auc", Scope.BINARY, 0, true, 1, true, true),
    LOG_LOSS("log_loss", Scope.CLASSIFICATION, 0, true, Double.POSITIVE_INFINITY, false, false),
    BRIER("brier", Scope.BINARY, 0, true, 1, true, false),
    ACCURACY("accuracy", Scope.CLASSIFICATION, 0, true, 1, true, true),
    PRECISION("precision", Scope.BINARY, 0, true, 1, true, true),
    RECALL("recall", Scope.BINARY, 0, true, 1, true, true),
    F1("f1", Scope.BINARY, 0, true, 1, true, true),
    ECE("ece", Scope.BINARY, 0, true, 1, true, false),
    // multiclass
    MACRO_F1("macro_f1", Scope.MULTICLASS, 0, true, 1, true, true),
    WEIGHTED_F1("weighted_f1", Scope.MULTICLASS, 0, true, 1, true, true),
    MACRO_PRECISION("macro_precision", Scope.MULTICLASS, 0, true, 1, true, true),
    MACRO_RECALL("macro_recall", Scope.MULTICLASS, 0, true, 1, true, true),
    // regression
    RMSE("rmse", Scope.REGRESSION, 0, true, Double.POSITIVE_INFINITY, false, false),
    MAE("mae", Scope.REGRESSION, 0, true, Double.POSITIVE_INFINITY, false, false),
    R2("r2", Scope.REGRESSION, Double.NEGATIVE_INFINITY, false, 1, true, true),
    MAX_ERROR("max_error", Scope.REGRESSION, 0, true, Double.POSITIVE_INFINITY, false, false),
    // serving
    P50_LATENCY_MS("p50_latency_ms", Scope.SERVING, 0, false, Double.POSITIVE_INFINITY, false, false),
    P95_LATENCY_MS("p95_latency_ms", Scope.SERVING, 0, false, Double.POSITIVE_INFINITY, false, false),
    P99_LATENCY_MS("p99_latency_ms", Scope.SERVING, 0, false, Double.POSITIVE_INFINITY, false, false),
    THROUGHPUT_RPS("throughput_rps", Scope.SERVING, 0, false, Double.POSITIVE_INFINITY, false, true),
    MAX_MEMORY_MB("max_memory_mb", Scope.SERVING, 0, false, Double.POSITIVE_INFINITY, false, false);

    /** Where a metric is measured. */
    private enum Scope {
        BINARY,
        MULTICLASS,
        CLASSIFICATION,
        REGRESSION,
        SERVING;

        boolean covers(Task task) {
            return switch (this) {
                case BINARY -> task == Task.BINARY;
                case MULTICLASS -> task == Task.MULTICLASS;
                case CLASSIFICATION -> task.classification();
                case REGRESSION -> task == Task.REGRESSION;
                case SERVING -> false;
            };
        }
    }

    private final String metric;
    private final Scope scope;
    private final double low;
    private final boolean lowIncluded;
    private final double high;
    private final boolean highIncluded;
    private final boolean higherIsBetter;

    KnownMetric(
            String metric,
            Scope scope,
            double low,
            boolean lowIncluded,
            double high,
            boolean highIncluded,
            boolean higherIsBetter) {
        this.metric = metric;
        this.scope = scope;
        this.low = low;
        this.lowIncluded = lowIncluded;
        this.high = high;
        this.highIncluded = highIncluded;
        this.higherIsBetter = higherIsBetter;
    }

    /** The name used in targets and reports, e.g. {@code pr_auc}. */
    public String metric() {
        return metric;
    }

    /** Whether a larger value is a better model (tuning maximises these and minimises the others). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** Whether this is a serving metric (latency, throughput, memory) rather than a quality one. */
    public boolean isServing() {
        return scope == Scope.SERVING;
    }

    /** Whether this quality metric is measured for {@code task}. */
    public boolean appliesTo(Task task) {
        return scope.covers(task);
    }

    /** The quality metric names of {@code task}, in declaration order. */
    public static List<String> qualityNames(Task task) {
        return Arrays.stream(values())
                .filter(m -> m.appliesTo(task))
                .map(KnownMetric::metric)
                .toList();
    }

    /** The serving metric names. */
    public static List<String> servingNames() {
        return Arrays.stream(values())
                .filter(KnownMetric::isServing)
                .map(KnownMetric::metric)
                .toList();
    }

    /** The metric named {@code name}, if it is known. */
    public static Optional<KnownMetric> named(String name) {
        return Arrays.stream(values()).filter(m -> m.metric.equals(name)).findFirst();
    }

    /** The values the metric can take, e.g. {@code [0, 1]} or {@code (0, inf)}. */
    public String range() {
        return (lowIncluded ? "[" : "(") + number(low) + ", " + number(high) + (highIncluded ? "]" : ")");
    }

    /** Whether no model can ever meet {@code target} (on this metric). */
    public boolean neverMet(MetricTarget target) {
        double v = target.value();
        return switch (target.comparison()) {
            case AT_LEAST -> v > high || (v == high && !highIncluded);
            case ABOVE -> v >= high;
            case AT_MOST -> v < low || (v == low && !lowIncluded);
            case BELOW -> v <= low;
        };
    }

    /** Whether every model meets {@code target} (on this metric), so it gates nothing. */
    public boolean alwaysMet(MetricTarget target) {
        double v = target.value();
        return switch (target.comparison()) {
            case AT_LEAST -> v <= low;
            case ABOVE -> v < low || (v == low && !lowIncluded);
            case AT_MOST -> v >= high;
            case BELOW -> v > high || (v == high && !highIncluded);
        };
    }

    private static String number(double value) {
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
