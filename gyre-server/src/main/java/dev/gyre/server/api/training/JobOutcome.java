package dev.gyre.server.api.training;

import dev.gyre.train.run.TrainingOutcome;
import dev.gyre.train.tune.TuningResult;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * What a finished training job answers with: the summary {@code gyre train --json} prints, without the evaluation
 * report itself (slices, worst errors), which the run keeps as its {@code evaluation/} artifacts. Kept instead of the
 * {@link TrainingOutcome} so that the jobs a server remembers hold a few hundred bytes each.
 *
 * @param metrics the model's metrics on the evaluation rows, by name; a value may be NaN (written as {@code null})
 * @param gatePassed whether every quality target and resource limit was met; a job whose gate failed still
 *     {@link JobStatus#SUCCEEDED succeeded}: it ran, recorded its run and decided not to register
 * @param registeredVersion the version registered when the gate passed
 * @param alias the alias set on that version
 * @param tuning the search, for a {@code tune} job
 */
public record JobOutcome(
        String runId,
        String experimentId,
        String modelUri,
        String evaluatedOn,
        Map<String, Double> metrics,
        boolean gatePassed,
        List<String> reasons,
        OptionalLong registeredVersion,
        Optional<String> alias,
        long rowsWithoutTarget,
        Optional<TuningSummary> tuning) {

    public JobOutcome {
        Objects.requireNonNull(runId, "runId");
        metrics = Collections.unmodifiableMap(new TreeMap<>(metrics));
        reasons = List.copyOf(reasons);
        Objects.requireNonNull(registeredVersion, "registeredVersion");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(tuning, "tuning");
    }

    static JobOutcome of(TrainingOutcome outcome) {
        return new JobOutcome(
                outcome.runId(),
                outcome.experimentId(),
                outcome.modelUri(),
                outcome.evaluatedOn(),
                outcome.metrics(),
                outcome.gatePassed(),
                outcome.reasons(),
                outcome.registeredVersion(),
                outcome.alias(),
                outcome.rowsWithoutTarget(),
                outcome.tuning().map(TuningSummary::of));
    }

    /**
     * A tuning search in brief; each trial is a child run of the job's run ({@code mlflow.parentRunId}), where its
     * params and score are recorded.
     *
     * @param bestTrial the number of the trial whose params trained the final model
     * @param trials how many trials ran, failed ones included
     * @param bestParams the best trial's params (numbers, strings, booleans)
     */
    public record TuningSummary(
            String method,
            int bestTrial,
            int trials,
            long failedTrials,
            boolean cutShort,
            Map<String, Object> bestParams) {

        public TuningSummary {
            Objects.requireNonNull(method, "method");
            bestParams = Collections.unmodifiableMap(new LinkedHashMap<>(bestParams));
        }

        static TuningSummary of(TuningResult result) {
            return new TuningSummary(
                    result.method().name().toLowerCase(Locale.ROOT),
                    result.best().trial().number(),
                    result.trials().size(),
                    result.failedCount(),
                    result.cutShort(),
                    result.bestParams());
        }
    }
}
