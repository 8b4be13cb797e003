package dev.gyre.train.trainer;

import java.util.Map;
import java.util.Objects;

/**
 * The metrics after one boosting round, the history a run logs step by step (MLflow's metric {@code step} is the
 * iteration). Metric names are XGBoost's ({@code logloss}, {@code auc}, {@code mlogloss}, {@code rmse}), which the
 * baseline uses too so that every model is compared on the same scale.
 *
 * @param iteration the 0-based round
 * @param train metric name → value on the training data
 * @param validation metric name → value on the validation data; empty without a validation set
 */
public record IterationMetrics(int iteration, Map<String, Double> train, Map<String, Double> validation) {

    public IterationMetrics {
        train = Map.copyOf(Objects.requireNonNull(train, "train"));
        validation = Map.copyOf(Objects.requireNonNull(validation, "validation"));
    }
}
