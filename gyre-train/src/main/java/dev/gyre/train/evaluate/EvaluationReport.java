package dev.gyre.train.evaluate;

import dev.gyre.model.Task;
import java.util.Objects;

/**
 * Everything the evaluation of one trained model found, in one value: what {@link EvaluationJson} and {@link
 * EvaluationPage} render and what the training job logs as run artifacts. Every part is computed from the same test
 * rows.
 *
 * @param title a heading naming the model and data, e.g. {@code churn — run 4f2a… on test split}
 * @param metrics the task's metrics
 * @param slices metrics per slice of the raw inputs
 * @param worstErrors the individual rows of largest loss
 * @param comparison the model against its baselines and the champion
 * @param verdict the gate against the project's targets
 */
public record EvaluationReport(
        String title,
        TaskMetrics metrics,
        SliceAnalysis slices,
        WorstErrors worstErrors,
        Comparison comparison,
        GateVerdict verdict) {

    public EvaluationReport {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(slices, "slices");
        Objects.requireNonNull(worstErrors, "worstErrors");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** The task evaluated. */
    public Task task() {
        return metrics.task();
    }
}
