package dev.gyre.train.run;

import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.train.project.Project;
import dev.gyre.train.project.TuningSpec;
import dev.gyre.train.trainer.Maximize;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.Trainer;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.tune.Trial;
import dev.gyre.train.tune.TrialOutcome;
import dev.gyre.train.tune.TrialResult;
import dev.gyre.train.tune.Tuner;
import dev.gyre.train.tune.TuningResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The tuning part of {@code gyre tune}: runs the project's search with the {@link Tuner}, training every trial on
 * the prepared training rows and scoring it on the validation rows, each as a child run of the tuning run (tag
 * {@code mlflow.parentRunId}) with its params and per-iteration metrics, so MLflow's UI shows the tree. The test
 * rows are never seen here: they stay for the final, gating evaluation.
 */
final class TuningSearch {

    private final TrainingEnvironment environment;
    private final TrainingJob.Listener listener;
    private final Project project;
    private final Trainer trainer;
    private final TrainingData data;
    private final TrainerSettings base;
    private final RunRecorder parent;

    TuningSearch(
            TrainingEnvironment environment,
            TrainingJob.Listener listener,
            Project project,
            Trainer trainer,
            TrainingData data,
            TrainerSettings base,
            RunRecorder parent) {
        this.environment = environment;
        this.listener = listener;
        this.project = project;
        this.trainer = trainer;
        this.data = data;
        this.base = base;
        this.parent = parent;
    }

    TuningResult search() {
        TuningSpec spec = project.tuning().orElseThrow();
        int cores = Runtime.getRuntime().availableProcessors();
        listener.step("tuning: " + spec.method().name().toLowerCase(Locale.ROOT) + " search, " + spec.trials()
                + " candidates, " + Math.min(spec.parallelism(), cores) + " at a time");
        TuningResult result = Tuner.search(
                spec, base.seed(), base.rounds(), cores, this::runTrial, trial -> listener.step(describe(trial)));
        Map<String, String> params = new LinkedHashMap<>();
        params.put("tuning.method", spec.method().name().toLowerCase(Locale.ROOT));
        params.put("tuning.candidates", Integer.toString(spec.trials()));
        params.put("tuning.parallelism", Integer.toString(spec.parallelism()));
        spec.timeBudget().ifPresent(budget -> params.put("tuning.time_budget_s", Long.toString(budget.toSeconds())));
        parent.params(params);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("tuning.trials", (double) result.trials().size());
        metrics.put("tuning.trials_failed", (double) result.failedCount());
        metrics.put("tuning.best_trial", (double) result.best().trial().number());
        metrics.put("tuning.best_score", result.best().score());
        metrics.put("tuning.wall_ms", (double) result.wallMillis());
        metrics.put("tuning.cut_short", result.cutShort() ? 1.0 : 0.0);
        parent.metrics(metrics);
        result.best()
                .outcome()
                .map(TrialOutcome::runId)
                .ifPresent(id -> parent.tags(Map.of("gyre.tuning.best_run", id)));
        listener.step("tuning: best trial " + result.best().trial().number() + " "
                + result.best().trial().params());
        return result;
    }

    /** The settings that reproduce the best trial: its params over the project's, its rounds and threads. */
    static TrainerSettings bestSettings(TrainerSettings base, TuningResult result) {
        Trial best = result.best().trial();
        Map<String, Object> params = new LinkedHashMap<>(base.params());
        params.putAll(best.params());
        return new TrainerSettings(best.rounds(), base.earlyStoppingRounds(), base.seed(), best.threads(), params);
    }

    private TrialOutcome runTrial(Trial trial) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.parentRunId", parent.runId());
        tags.put("mlflow.user", environment.user());
        tags.put("gyre.project", project.name());
        tags.put("gyre.task", project.task().label());
        tags.put("gyre.trial", Integer.toString(trial.number()));
        tags.put("gyre.rung", Integer.toString(trial.rung()));
        RunRecorder child = RunRecorder.start(environment, project.name(), "trial-" + trial.number(), tags);
        try {
            Map<String, Object> params = new LinkedHashMap<>(base.params());
            params.putAll(trial.params());
            TrainerSettings settings = new TrainerSettings(
                    trial.rounds(), base.earlyStoppingRounds(), base.seed(), trial.threads(), params);
            try (TrainedModel trained = trainer.train(data, settings)) {
                Map<String, String> logged = new LinkedHashMap<>();
                trained.params().forEach((key, value) -> logged.put("model." + key, value));
                logged.put("trainer", trained.trainer());
                logged.put("trial.rounds", Integer.toString(trial.rounds()));
                logged.put("trial.threads", Integer.toString(trial.threads()));
                String metric = scoringMetric(trained);
                double score = trained.bestMetrics().validation().get(metric);
                long now = environment.clock().millis();
                // A trial's curve is the metric it is scored on; the others would double what every trial writes.
                List<Metric> metrics = new ArrayList<>(TrainingJob.history(trained.history(), now).stream()
                        .filter(m -> m.key().endsWith("." + metric))
                        .toList());
                metrics.add(new Metric("best.validation." + metric, score, now, 0));
                metrics.add(new Metric("best_iteration", trained.bestIteration(), now, 0));
                child.batch(logged, metrics, Map.of());
                child.finish(RunStatus.FINISHED);
                return new TrialOutcome(score, metric, Maximize.metric(metric), trained.bestIteration(), child.runId());
            }
        } catch (RuntimeException e) {
            child.tags(Map.of("gyre.error", String.valueOf(e.getMessage())));
            child.finish(RunStatus.FAILED);
            throw e;
        }
    }

    /** The metric early stopping watched, else the first evaluation metric. */
    private static String scoringMetric(TrainedModel trained) {
        String stopping = trained.params().getOrDefault("early_stopping_metric", "none");
        if (!stopping.equals("none")) {
            return stopping.substring(stopping.indexOf('-') + 1);
        }
        return trained.params().getOrDefault("eval_metric", "logloss").split(",")[0];
    }

    private static String describe(TrialResult result) {
        Trial trial = result.trial();
        String head = "trial " + trial.number() + (trial.rung() > 0 ? " (rung " + trial.rung() + ")" : "") + " "
                + trial.params() + ", " + trial.rounds() + " rounds: ";
        return head
                + result.outcome()
                        .map(o -> o.metric() + " " + String.format(Locale.ROOT, "%.5f", o.score()))
                        .orElse("failed: " + result.failure().orElse("?"));
    }
}
