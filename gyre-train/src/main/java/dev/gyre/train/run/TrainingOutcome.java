package dev.gyre.train.run;

import dev.gyre.train.evaluate.EvaluationReport;
import dev.gyre.train.tune.TuningResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What a training job produced, for the CLI to print and tests to check.
 *
 * @param experimentId the MLflow experiment
 * @param runId the run that recorded everything
 * @param modelUri the model package's artifact URI ({@code mlflow-artifacts:/…/model})
 * @param metrics the model's metrics on the evaluation set
 * @param evaluatedOn {@code test} or {@code validation}: which set the metrics come from
 * @param report the evaluation (metrics, slices, worst errors, comparison, verdict)
 * @param gatePassed whether every quality target and resource limit was met
 * @param reasons why the gate passed or failed, one line per target or limit
 * @param registeredVersion the model version registered when the gate passed
 * @param alias the alias set on that version
 * @param rowsWithoutTarget rows left out because their target was missing
 * @param tuning the search that chose the parameters ({@code gyre tune}), if any
 */
public record TrainingOutcome(
        String experimentId,
        String runId,
        String modelUri,
        Map<String, Double> metrics,
        String evaluatedOn,
        EvaluationReport report,
        boolean gatePassed,
        List<String> reasons,
        OptionalLong registeredVersion,
        Optional<String> alias,
        long rowsWithoutTarget,
        Optional<TuningResult> tuning) {

    public TrainingOutcome {
        metrics = Map.copyOf(metrics);
        reasons = List.copyOf(reasons);
    }
}
