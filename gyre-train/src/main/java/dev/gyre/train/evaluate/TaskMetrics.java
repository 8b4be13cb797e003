package dev.gyre.train.evaluate;

import dev.gyre.model.Task;
import java.util.Map;

/**
 * The metrics of one evaluated model for its task. {@link #asMap()} is the flat view that project targets ({@code
 * auc >= 0.8}), comparisons and MLflow's logged metrics all use, so one name means one number everywhere.
 */
public sealed interface TaskMetrics permits BinaryMetrics, MulticlassMetrics, RegressionMetrics {

    /** The task these metrics belong to. */
    Task task();

    /** Rows evaluated. */
    int rows();

    /** Metric name (lower-case with underscores) to value, in a stable order; a value may be {@code NaN}. */
    Map<String, Double> asMap();
}
