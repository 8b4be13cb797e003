package dev.gyre.train.trainer;

import dev.gyre.model.runtime.Predictor;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one training run: the model and the provenance a run records with it: the parameters actually
 * used (defaults included), the metric history, which iteration was kept and what the run cost. Closing it closes
 * the predictor (native memory); whoever receives it closes it.
 *
 * @param trainer the trainer's {@link Trainer#name()}, e.g. {@code xgboost}, {@code linear}, {@code baseline}
 * @param predictor the trained model
 * @param params every parameter that shaped the model, by name, as strings
 * @param history metrics per iteration, in order, every evaluated iteration (also those after the best one)
 * @param bestIteration the 0-based iteration the model ends at (the predictor holds {@code bestIteration + 1}
 *     rounds); the last one unless early stopping chose an earlier one
 * @param resources the cost of the run
 */
public record TrainedModel(
        String trainer,
        Predictor predictor,
        Map<String, String> params,
        List<IterationMetrics> history,
        int bestIteration,
        ResourceUse resources)
        implements AutoCloseable {

    public TrainedModel {
        Objects.requireNonNull(trainer, "trainer");
        Objects.requireNonNull(predictor, "predictor");
        params = Map.copyOf(params);
        history = List.copyOf(history);
        Objects.requireNonNull(resources, "resources");
    }

    /** The metrics of the kept iteration. */
    public IterationMetrics bestMetrics() {
        return history.stream()
                .filter(metrics -> metrics.iteration() == bestIteration)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no metrics recorded for iteration " + bestIteration));
    }

    @Override
    public void close() {
        predictor.close();
    }
}
