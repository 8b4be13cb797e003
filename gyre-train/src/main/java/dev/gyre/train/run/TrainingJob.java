package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.features.FeaturePipeline;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.PipelineSpec;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.pack.PackageManifest;
import dev.gyre.model.runtime.Scores;
import dev.gyre.train.evaluate.Comparison;
import dev.gyre.train.evaluate.EvaluationJson;
import dev.gyre.train.evaluate.EvaluationPage;
import dev.gyre.train.evaluate.EvaluationReport;
import dev.gyre.train.evaluate.GateVerdict;
import dev.gyre.train.evaluate.TaskMetrics;
import dev.gyre.train.project.ModelSpec;
import dev.gyre.train.project.Project;
import dev.gyre.train.project.ProjectFile;
import dev.gyre.train.project.SplitSpec;
import dev.gyre.train.trainer.IterationMetrics;
import dev.gyre.train.trainer.LinearTrainer;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.Trainer;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.trainer.XGBoostTrainer;
import dev.gyre.train.tune.TuningResult;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code gyre train gyre.yaml}: one reproducible, recorded, gated training run. It reads the project's data (plain
 * files or registered versions), leaves out rows without a target, splits (randomly with a seed or by time), fits
 * the feature pipeline on the training rows only, trains the model with early stopping on the validation rows and
 * the baselines beside it, evaluates all of them — and the current {@code champion}, when there is one — on the
 * same held-out rows, checks the project's quality targets and resource limits, and writes the self-contained model
 * package. Everything is recorded in one MLflow run (params, per-iteration metrics, dataset inputs, the package, the
 * evaluation report); only a model that passes its gate is registered, with the project's alias.
 */
public final class TrainingJob {

    /** Hears what the job is doing, one line per step, so a CLI can show progress. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = message -> {};

        void step(String message);

        /**
         * A boosting round of the model finished ({@code round} of {@code rounds}, from 1), for a progress bar; the
         * baselines and tuning trials do not report rounds. Ignored by default.
         */
        default void round(int round, int rounds) {}
    }

    private static final int WORST_ERRORS = 20;

    private final TrainingEnvironment environment;
    private final Listener listener;

    public TrainingJob(TrainingEnvironment environment, Listener listener) {
        this.environment = environment;
        this.listener = listener;
    }

    /** Loads and validates {@code projectFile}, then trains; bad input is a {@code GyreException} naming it. */
    public TrainingOutcome run(Path projectFile) {
        Project project = ProjectFile.load(projectFile);
        return run(project, projectFile);
    }

    /** Trains {@code project}, which was read from {@code projectFile}. */
    public TrainingOutcome run(Project project, Path projectFile) {
        return record(project, projectFile, false);
    }

    /**
     * {@code gyre tune}: searches the project's {@code tuning:} space first — each trial a child run of this run
     * (MLflow's {@code mlflow.parentRunId} tag), scored on the validation rows — then trains, evaluates, gates and
     * packages the model with the best trial's parameters, exactly as {@link #run(Path)} does.
     */
    public TrainingOutcome tune(Path projectFile) {
        return tune(ProjectFile.load(projectFile), projectFile);
    }

    /** {@link #tune(Path)} for a {@code project} already read (and checked) from {@code projectFile}. */
    public TrainingOutcome tune(Project project, Path projectFile) {
        if (project.tuning().isEmpty()) {
            throw GyreException.invalid(projectFile + " has no tuning: section; add one (method, trials, space) to"
                    + " tune, or use gyre train");
        }
        return record(project, projectFile, true);
    }

    private TrainingOutcome record(Project project, Path projectFile, boolean tune) {
        long started = System.nanoTime();
        PreparedData data = PreparedData.prepare(project, environment, listener);
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("mlflow.source.name", projectFile.toAbsolutePath().normalize().toString());
        tags.put("mlflow.source.type", "LOCAL");
        tags.put("mlflow.user", environment.user());
        tags.put("gyre.project", project.name());
        tags.put("gyre.task", project.task().label());
        Optional<String> commit =
                CodeVersion.gitCommit(projectFile.toAbsolutePath().getParent());
        commit.ifPresent(c -> tags.put("mlflow.source.git.commit", c));
        String runName = (tune ? "tune-" : "train-")
                + Instant.ofEpochMilli(environment.clock().millis()).truncatedTo(ChronoUnit.SECONDS);
        RunRecorder run = RunRecorder.start(environment, project.name(), runName, tags);
        listener.step("run " + run.runId() + " in experiment '" + project.name() + "'");
        try {
            TrainingOutcome outcome = trainAndRecord(project, projectFile, data, run, commit, started, tune);
            run.finish(RunStatus.FINISHED);
            return outcome;
        } catch (RuntimeException e) {
            try {
                run.tags(Map.of("gyre.error", String.valueOf(e.getMessage())));
                run.finish(RunStatus.FAILED);
            } catch (RuntimeException recording) {
                e.addSuppressed(recording);
            }
            throw e;
        }
    }

    private TrainingOutcome trainAndRecord(
            Project project,
            Path projectFile,
            PreparedData data,
            RunRecorder run,
            Optional<String> commit,
            long started,
            boolean tune) {
        Task task = project.task();
        String target = project.target();
        Frame trainRows = data.all().select(data.split().train());
        Frame validationRows = data.all().select(data.split().validation());
        Frame evaluationRows = data.testFile() != null
                ? data.testFile()
                : data.split().test().length > 0
                        ? data.all().select(data.split().test())
                        : validationRows;
        String evaluatedOn = data.testFile() != null || data.split().test().length > 0 ? "test" : "validation";
        run.inputs(data.inputs());

        listener.step("fitting the feature pipeline on " + trainRows.rows() + " training rows");
        PipelineSpec spec = PipelineSpec.fromTree(project.pipeline());
        FittedPipeline pipeline = FeaturePipeline.fit(spec, trainRows.project(data.features()));
        FeatureMatrix trainMatrix = pipeline.transform(trainRows.project(data.features()));
        FeatureMatrix validationMatrix = pipeline.transform(validationRows.project(data.features()));
        FeatureMatrix evaluationMatrix = pipeline.transform(evaluationRows.project(data.features()));
        LabelEncoding encoding = data.encoding();
        int classCount = task.classification() ? encoding.classes().size() : 0;
        TrainingData trainingData = TrainingData.of(
                        task, classCount, trainMatrix, encoding.encode(trainRows.column(target)))
                .withValidation(validationMatrix, encoding.encode(validationRows.column(target)));

        ModelSpec model = project.model();
        TrainerSettings settings =
                new TrainerSettings(model.rounds(), model.earlyStoppingRounds(), model.seed(), 0, model.params());
        Trainer trainer = model.trainer() == ModelSpec.Trainer.LINEAR ? new LinearTrainer() : new XGBoostTrainer();
        Optional<TuningResult> tuning = Optional.empty();
        if (tune) {
            TuningResult result =
                    new TuningSearch(environment, listener, project, trainer, trainingData, settings, run).search();
            tuning = Optional.of(result);
            settings = TuningSearch.bestSettings(settings, result);
        }
        listener.step("training " + trainer.name() + " (" + trainMatrix.width() + " features, up to " + model.rounds()
                + " rounds)");
        try (TrainedModel trained = trainer.train(trainingData, settings, listener::round)) {
            run.params(params(project, data, pipeline, trained));
            run.metrics(history(trained.history(), environment.clock().millis()));
            double threshold = threshold(task, trained, trainingData);
            Scores scores = trained.predictor().predict(evaluationMatrix);
            ScoredRows scored = ScoredRows.of(scores, evaluationRows.column(target), encoding, threshold);
            TaskMetrics metrics = scored.metrics();
            Map<String, Map<String, Double>> competitors = new LinkedHashMap<>();
            Competitors others = new Competitors(environment, listener);
            competitors.putAll(
                    others.baselines(project, trainingData, evaluationMatrix, evaluationRows, encoding, settings));
            others.champion(project, evaluationRows.project(data.features()), evaluationRows, encoding)
                    .ifPresent(c -> competitors.put(c.getKey(), c.getValue()));

            Map<String, Double> measured = metrics.asMap();
            GateVerdict verdict = GateVerdict.check(project.targets().quality(), measured);
            List<String> reasons = new ArrayList<>(verdict.reasons());
            List<String> limits = resourceProblems(project, trained, started);
            reasons.addAll(limits);
            boolean passed = verdict.passed() && limits.isEmpty();
            Frame rawEvaluation = evaluationRows.project(data.features());
            EvaluationReport report = new EvaluationReport(
                    project.name() + " — " + trainer.name() + " on " + evaluatedOn + " rows",
                    metrics,
                    scored.slices(rawEvaluation),
                    scored.worstErrors(rawEvaluation, WORST_ERRORS),
                    Comparison.of("model", measured, competitors),
                    verdict);

            Map<String, Double> logged = new LinkedHashMap<>();
            measured.forEach((key, value) -> logged.put(evaluatedOn + "." + key, value));
            competitors.forEach((name, values) ->
                    values.forEach((key, value) -> logged.put(name.replace(':', '.') + "." + key, value)));
            logged.put("resource.wall_ms", (double) trained.resources().wallMillis());
            logged.put("resource.cpu_ms", (double) trained.resources().cpuMillis());
            logged.put("resource.peak_rss_mb", trained.resources().peakRssBytes() / 1048576.0);
            logged.put("resource.peak_heap_mb", trained.resources().peakHeapBytes() / 1048576.0);
            logged.put("rows.train", (double) trainRows.rows());
            logged.put("rows.validation", (double) validationRows.rows());
            logged.put("rows." + evaluatedOn, (double) evaluationRows.rows());
            logged.put("best_iteration", (double) trained.bestIteration());
            if (task == Task.BINARY) {
                logged.put("decision_threshold", threshold);
            }
            run.metrics(logged);
            run.uploadText("evaluation/evaluation.json", EvaluationJson.write(report));
            run.uploadText("evaluation/report.html", EvaluationPage.html(report));

            listener.step("writing the model package");
            String modelUri = run.artifactUri() + "/model";
            PackageManifest manifest = RunPackage.manifest(
                    environment, project, projectFile, data, run, commit, pipeline, trained, measured, threshold);
            RunPackage.write(run, manifest, pipeline, trained, data.trainingProfile());
            Map<String, String> resultTags = new LinkedHashMap<>();
            resultTags.put("gyre.gate", passed ? "passed" : "failed");
            resultTags.put("mlflow.log-model.history", RunPackage.logModelHistory(run, manifest));
            run.tags(resultTags);

            OptionalLong version = OptionalLong.empty();
            Optional<String> alias = Optional.empty();
            if (passed) {
                ModelVersion registered = GatedRegistration.register(
                        environment, listener, project, run, modelUri, measured, evaluatedOn, reasons);
                version = OptionalLong.of(registered.version());
                alias = Optional.of(project.registry().alias());
            } else {
                listener.step("gate failed: not registered");
            }
            return new TrainingOutcome(
                    run.experimentId(),
                    run.runId(),
                    modelUri,
                    measured,
                    evaluatedOn,
                    report,
                    passed,
                    reasons,
                    version,
                    alias,
                    data.rowsWithoutTarget(),
                    tuning);
        }
    }

    /** A binary model's decision threshold, chosen on its validation rows; 0.5 (unused) for other tasks. */
    static double threshold(Task task, TrainedModel trained, TrainingData data) {
        if (task != Task.BINARY) {
            return DecisionThreshold.DEFAULT;
        }
        return DecisionThreshold.chooseByF1(trained.predictor().predict(data.validation()), data.validationLabels());
    }

    private static Map<String, String> params(
            Project project, PreparedData data, FittedPipeline pipeline, TrainedModel trained) {
        Map<String, String> params = new LinkedHashMap<>();
        trained.params().forEach((key, value) -> params.put("model." + key, value));
        params.put("trainer", trained.trainer());
        params.put("target", project.target());
        params.put("features", Integer.toString(data.features().size()));
        params.put("features.encoded", Integer.toString(pipeline.outputNames().size()));
        params.put("pipeline", project.pipeline().isArray() ? project.pipeline().size() + " steps" : "auto");
        SplitSpec split = project.split();
        params.put("split.method", split.method().name().toLowerCase(java.util.Locale.ROOT));
        params.put("split.seed", Long.toString(split.seed()));
        params.put("split.validation", Double.toString(split.validation()));
        params.put("split.test", Double.toString(split.test()));
        split.timeColumn().ifPresent(column -> params.put("split.time_column", column));
        params.put("seed", Long.toString(project.model().seed()));
        if (project.task() == Task.BINARY) {
            params.put("positive_class", data.encoding().classes().get(1));
        }
        return params;
    }

    /** Per-iteration metrics as MLflow metrics, {@code train.<m>} and {@code validation.<m>} at step = iteration. */
    static List<Metric> history(List<IterationMetrics> history, long now) {
        List<Metric> metrics = new ArrayList<>();
        for (IterationMetrics iteration : history) {
            iteration.train().forEach((key, value) -> {
                if (Double.isFinite(value)) {
                    metrics.add(new Metric("train." + key, value, now, iteration.iteration()));
                }
            });
            iteration.validation().forEach((key, value) -> {
                if (Double.isFinite(value)) {
                    metrics.add(new Metric("validation." + key, value, now, iteration.iteration()));
                }
            });
        }
        return metrics;
    }

    private static List<String> resourceProblems(Project project, TrainedModel trained, long started) {
        List<String> problems = new ArrayList<>();
        long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
        project.resources().maxTime().ifPresent(limit -> {
            if (elapsedMillis > limit.toMillis()) {
                problems.add("took " + elapsedMillis + " ms, over max_time " + limit.toMillis() + " ms");
            }
        });
        project.resources().maxMemoryMb().ifPresent(limit -> {
            long peak = trained.resources().peakRssBytes() / 1048576;
            if (peak > limit) {
                problems.add("peak memory " + peak + " MiB, over max_memory_mb " + limit);
            }
        });
        return problems;
    }
}
