package dev.gyre.train.tune;

import java.util.Objects;

/**
 * What a {@link TrialRunner} reports for a trained trial. Every trial of a search is expected to report the same
 * metric and direction.
 *
 * @param score the validation metric's value at the kept iteration, finite
 * @param metric the metric's name, e.g. {@code logloss}
 * @param higherIsBetter whether a larger score is better ({@code auc}) or a smaller one ({@code logloss})
 * @param bestIteration the 0-based iteration early stopping kept
 * @param runId the trial's child run, or {@code null} when it is not recorded
 */
public record TrialOutcome(double score, String metric, boolean higherIsBetter, int bestIteration, String runId) {

    public TrialOutcome {
        Objects.requireNonNull(metric, "metric");
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("the " + metric + " score of a trial must be finite, not " + score);
        }
        if (bestIteration < 0) {
            throw new IllegalArgumentException("bestIteration must be >= 0, not " + bestIteration);
        }
    }
}
