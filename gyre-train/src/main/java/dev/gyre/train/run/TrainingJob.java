package dev.gyre.train.run;

import dev.gyre.core.data.DatasetVersion;
import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.data.profile.DatasetProfiler;
import dev.gyre.data.profile.ProfileJson;
import dev.gyre.data.read.DatasetColumn;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.register.MlflowDatasets;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.features.FeaturePipeline;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.PipelineSpec;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.pack.Lineage;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.PackageManifest;
import dev.gyre.model.runtime.Scores;
import dev.gyre.train.data.FrameReader;
import dev.gyre.train.evaluate.Comparison;
import dev.gyre.train.evaluate.EvaluationJson;
import dev.gyre.train.evaluate.EvaluationPage;
import dev.gyre.train.evaluate.EvaluationReport;
import dev.gyre.train.evaluate.GateVerdict;
import dev.gyre.train.evaluate.TaskMetrics;
import dev.gyre.train.project.Baseline;
import dev.gyre.train.project.ColumnInfo;
import dev.gyre.train.project.ModelSpec;
import dev.gyre.train.project.Project;
import dev.gyre.train.project.ProjectFile;
import dev.gyre.train.project.ProjectValidation;
import dev.gyre.train.project.SplitSpec;
import dev.gyre.train.split.Split;
import dev.gyre.train.split.Splitter;
import dev.gyre.train.trainer.BaselineTrainer;
import dev.gyre.train.trainer.IterationMetrics;
import dev.gyre.train.trainer.LinearTrainer;
import dev.gyre.train.trainer.TrainedModel;
import dev.gyre.train.trainer.Trainer;
import dev.gyre.train.trainer.TrainerSettings;
import dev.gyre.train.trainer.TrainingData;
import dev.gyre.train.trainer.XGBoostTrainer;
import dev.gyre.train.tune.TuningResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

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
    }

    static final String CHAMPION_ALIAS = "champion";
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
        PreparedData data = prepare(project);
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

    /** The frames a run needs, read and checked before any run is recorded, so bad data leaves no empty run. */
    private record PreparedData(
            ResolvedData train,
            Optional<ResolvedData> test,
            List<String> features,
            List<DatasetColumn> columns,
            Frame all,
            Frame testFile,
            long rowsWithoutTarget,
            LabelEncoding encoding,
            Split split,
            byte[] trainingProfile) {}

    private PreparedData prepare(Project project) {
        ResolvedData train = ResolvedData.resolve(project.data().train(), environment.datasets());
        Optional<ResolvedData> test =
                project.data().test().map(source -> ResolvedData.resolve(source, environment.datasets()));
        listener.step("reading " + train.label());
        List<String> features;
        List<DatasetColumn> columns;
        Frame all;
        byte[] profile;
        try (DatasetReader reader = DatasetReader.open(train.source())) {
            columns = reader.columns();
            List<ColumnInfo> infos = columns.stream()
                    .map(c -> new ColumnInfo(c.name(), FrameReader.kindOf(c.type())))
                    .toList();
            ProjectValidation.requireColumns(project, infos, train.label());
            features = project.features()
                    .resolve(columns.stream().map(DatasetColumn::name).toList(), project.target());
            all = FrameReader.read(reader, columnsToRead(project, features));
            profile = trainingProfile(train, reader);
        }
        Frame testFile = null;
        if (test.isPresent()) {
            try (DatasetReader reader = DatasetReader.open(test.get().source())) {
                List<ColumnInfo> infos = reader.columns().stream()
                        .map(c -> new ColumnInfo(c.name(), FrameReader.kindOf(c.type())))
                        .toList();
                ProjectValidation.requireColumns(project, infos, test.get().label());
                testFile = FrameReader.read(reader, columnsToRead(project, features));
            }
        }
        int[] labelled = LabelEncoding.presentRows(all.column(project.target()));
        long withoutTarget = all.rows() - labelled.length;
        if (withoutTarget > 0) {
            all = all.select(labelled);
            listener.step(withoutTarget + " rows without a value of '" + project.target() + "' left out");
        }
        if (testFile != null) {
            testFile = testFile.select(LabelEncoding.presentRows(testFile.column(project.target())));
        }
        LabelEncoding encoding =
                LabelEncoding.fit(project.task(), all.column(project.target()), project.positiveClass());
        SplitSpec spec = project.split();
        if (testFile != null) {
            spec = new SplitSpec(spec.method(), spec.seed(), spec.validation(), 0, spec.stratify(), spec.timeColumn());
        }
        Split split = Splitter.split(spec, all, project.task(), project.target());
        return new PreparedData(train, test, features, columns, all, testFile, withoutTarget, encoding, split, profile);
    }

    private static List<String> columnsToRead(Project project, List<String> features) {
        LinkedHashSet<String> names = new LinkedHashSet<>(features);
        names.add(project.target());
        project.split().timeColumn().ifPresent(names::add);
        return List.copyOf(names);
    }

    /** The training data's profile, the monitoring baseline: stored with a registered version, else computed. */
    private byte[] trainingProfile(ResolvedData train, DatasetReader reader) {
        if (train.registered().isPresent()) {
            DatasetVersion version = train.registered().get();
            return environment
                    .datasets()
                    .getProfile(version.name(), version.version())
                    .getBytes(StandardCharsets.UTF_8);
        }
        listener.step("profiling " + train.label() + " (the monitoring baseline)");
        return new ProfileJson().write(DatasetProfiler.profile(reader)).getBytes(StandardCharsets.UTF_8);
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
        run.inputs(inputs(data));

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
        try (TrainedModel trained = trainer.train(trainingData, settings)) {
            run.params(params(project, data, pipeline, trained));
            run.metrics(history(trained.history(), environment.clock().millis()));
            double threshold = threshold(task, trained, trainingData);
            Scores scores = trained.predictor().predict(evaluationMatrix);
            ScoredRows scored = ScoredRows.of(scores, evaluationRows.column(target), encoding, threshold);
            TaskMetrics metrics = scored.metrics();
            Map<String, Map<String, Double>> competitors = new LinkedHashMap<>();
            competitors.putAll(baselines(project, trainingData, evaluationMatrix, evaluationRows, encoding, settings));
            champion(project, evaluationRows.project(data.features()), evaluationRows, encoding)
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
            PackageManifest manifest =
                    manifest(project, projectFile, data, run, commit, pipeline, trained, measured, threshold);
            writePackage(run, manifest, pipeline, trained, data.trainingProfile());
            Map<String, String> resultTags = new LinkedHashMap<>();
            resultTags.put("gyre.gate", passed ? "passed" : "failed");
            resultTags.put("mlflow.log-model.history", logModelHistory(run, manifest));
            run.tags(resultTags);

            OptionalLong version = OptionalLong.empty();
            Optional<String> alias = Optional.empty();
            if (passed) {
                ModelVersion registered = register(project, run, modelUri, measured, evaluatedOn, reasons);
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
    private static double threshold(Task task, TrainedModel trained, TrainingData data) {
        if (task != Task.BINARY) {
            return DecisionThreshold.DEFAULT;
        }
        return DecisionThreshold.chooseByF1(trained.predictor().predict(data.validation()), data.validationLabels());
    }

    private List<DatasetInput> inputs(PreparedData data) {
        List<DatasetInput> inputs = new ArrayList<>();
        inputs.add(input(data.train(), data.columns(), data.all().rows(), "training"));
        data.test()
                .ifPresent(test ->
                        inputs.add(input(test, data.columns(), data.testFile().rows(), "testing")));
        return inputs;
    }

    private static DatasetInput input(ResolvedData data, List<DatasetColumn> columns, long rows, String context) {
        if (data.registered().isPresent()) {
            return MlflowDatasets.input(data.registered().get(), context);
        }
        String file = data.source().path().getFileName().toString();
        String name = file.contains(".") ? file.substring(0, file.indexOf('.')) : file;
        return MlflowDatasets.input(
                MlflowDatasets.forFile(name, data.digest(), data.source().path().toString(), columns, rows), context);
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

    /** Each baseline's metrics on the evaluation rows, keyed {@code baseline:<name>}. */
    private Map<String, Map<String, Double>> baselines(
            Project project,
            TrainingData data,
            FeatureMatrix evaluation,
            Frame evaluationRows,
            LabelEncoding encoding,
            TrainerSettings settings) {
        LinkedHashSet<Baseline> wanted = new LinkedHashSet<>();
        // The issue's rule: every result is compared with something trivial and something linear, listed or not.
        wanted.add(Baseline.trivial(project.task()));
        wanted.add(Baseline.LINEAR);
        project.baselines().stream().filter(b -> b.appliesTo(project.task())).forEach(wanted::add);
        if (project.model().trainer() == ModelSpec.Trainer.LINEAR) {
            wanted.remove(Baseline.LINEAR);
        }
        // The model's params are for its booster; baselines train with their own defaults.
        TrainerSettings baselineSettings = new TrainerSettings(
                settings.rounds(), settings.earlyStoppingRounds(), settings.seed(), settings.threads(), Map.of());
        Map<String, Map<String, Double>> results = new LinkedHashMap<>();
        for (Baseline baseline : wanted) {
            listener.step("training the " + baseline.label() + " baseline");
            TrainingData input = data;
            FeatureMatrix scored = evaluation;
            Trainer trainer = new BaselineTrainer();
            if (baseline == Baseline.LINEAR) {
                Standardization scale = Standardization.fit(data.train());
                input = TrainingData.of(data.task(), data.classCount(), scale.apply(data.train()), data.trainLabels())
                        .withValidation(scale.apply(data.validation()), data.validationLabels());
                scored = scale.apply(evaluation);
                trainer = new LinearTrainer();
            }
            try (TrainedModel trained = trainer.train(input, baselineSettings)) {
                double threshold = threshold(project.task(), trained, input);
                Scores scores = trained.predictor().predict(scored);
                results.put(
                        "baseline:" + baseline.label(),
                        ScoredRows.of(scores, evaluationRows.column(project.target()), encoding, threshold)
                                .metrics()
                                .asMap());
            }
        }
        return results;
    }

    /**
     * The current champion's metrics on the same rows, when the registered model has a {@code champion} whose package
     * can score them (it may read columns these rows do not have: then there is nothing to compare, and a line says
     * so).
     */
    private Optional<Map.Entry<String, Map<String, Double>>> champion(
            Project project, Frame features, Frame evaluationRows, LabelEncoding encoding) {
        ModelVersion champion;
        try {
            champion = environment
                    .registry()
                    .getModelVersionByAlias(project.registry().model(), CHAMPION_ALIAS);
        } catch (GyreException e) {
            return Optional.empty();
        }
        listener.step("scoring the champion (version " + champion.version() + ") on the same rows");
        Path folder = null;
        try {
            folder = Files.createTempDirectory("gyre-champion-");
            PackageDownload.copy(environment.artifacts(), champion.source(), folder);
            try (ModelPackage pack = ModelPackage.load(folder)) {
                if (pack.manifest().task() != project.task()
                        || !pack.manifest().classes().equals(encoding.classes())) {
                    listener.step("the champion answers another task or classes; not compared");
                    return Optional.empty();
                }
                Scores scores = pack.predict(features).scores();
                Map<String, Double> metrics = ScoredRows.of(
                                scores,
                                evaluationRows.column(project.target()),
                                encoding,
                                pack.manifest().threshold())
                        .metrics()
                        .asMap();
                return Optional.of(Map.entry("champion:v" + champion.version(), metrics));
            }
        } catch (GyreException | IllegalArgumentException e) {
            listener.step("the champion cannot score these rows (" + e.getMessage() + "); not compared");
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(folder);
        }
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

    private PackageManifest manifest(
            Project project,
            Path projectFile,
            PreparedData data,
            RunRecorder run,
            Optional<String> commit,
            FittedPipeline pipeline,
            TrainedModel trained,
            Map<String, Double> metrics,
            double threshold) {
        Task task = project.task();
        List<String> classes = data.encoding().classes();
        List<Lineage.DatasetUse> datasets = new ArrayList<>();
        datasets.add(use("train", data.train(), data.split().train().length));
        datasets.add(use("validation", data.train(), data.split().validation().length));
        if (data.test().isPresent()) {
            datasets.add(use("test", data.test().get(), data.testFile().rows()));
        } else if (data.split().test().length > 0) {
            datasets.add(use("test", data.train(), data.split().test().length));
        }
        Lineage lineage = new Lineage(
                project.name(),
                sha256(projectFile),
                run.runId(),
                commit.orElse(null),
                project.model().seed(),
                trained.trainer(),
                trained.params(),
                datasets);
        return new PackageManifest(
                ModelPackage.FORMAT_VERSION,
                project.registry().model(),
                task,
                project.target(),
                classes,
                threshold,
                trained.predictor().kind(),
                ModelPackage.modelFileFor(trained.predictor()),
                ModelPackage.signatureOf(pipeline, task, classes),
                project.targets().quality(),
                project.targets().serving(),
                metrics,
                lineage,
                Instant.ofEpochMilli(environment.clock().millis()).toString(),
                environment.gyreVersion());
    }

    private static Lineage.DatasetUse use(String role, ResolvedData data, long rows) {
        return new Lineage.DatasetUse(
                role,
                data.registered().map(DatasetVersion::name).orElse(null),
                data.registered().map(DatasetVersion::version).orElse(null),
                data.digest(),
                data.source().path().toString(),
                rows);
    }

    private static void writePackage(
            RunRecorder run,
            PackageManifest manifest,
            FittedPipeline pipeline,
            TrainedModel trained,
            byte[] trainingProfile) {
        Path staging = null;
        try {
            staging = Files.createTempDirectory("gyre-package-");
            Path folder = ModelPackage.write(
                    staging.resolve("model"), manifest, pipeline, trained.predictor(), trainingProfile);
            run.uploadFolder(folder, "model");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stage the model package", e);
        } finally {
            deleteQuietly(staging);
        }
    }

    /** MLflow's record of the models logged by a run, which its UI reads to show a logged model. */
    private static String logModelHistory(RunRecorder run, PackageManifest manifest) {
        String created = manifest.createdAt().replace('T', ' ').replace("Z", "");
        return "[{\"run_id\": \"" + run.runId() + "\", \"artifact_path\": \"model\", \"utc_time_created\": \""
                + created + "\", \"flavors\": {\"gyre\": {\"format\": \"gyre.model/v" + manifest.formatVersion()
                + "\"}}}]";
    }

    private ModelVersion register(
            Project project,
            RunRecorder run,
            String modelUri,
            Map<String, Double> metrics,
            String evaluatedOn,
            List<String> reasons) {
        String name = project.registry().model();
        try {
            environment.registry().getRegisteredModel(name);
        } catch (GyreException missing) {
            try {
                environment
                        .registry()
                        .createRegisteredModel(
                                name, List.of(), "Trained by Gyre from project '" + project.name() + "'.");
            } catch (GyreException raced) {
                // registered meanwhile by another job
            }
        }
        List<Tag> tags = List.of(
                new Tag("gyre.gate", "passed"),
                new Tag("gyre.task", project.task().label()),
                new Tag("gyre.project", project.name()));
        String description = "Gate passed on " + evaluatedOn + " rows: " + String.join("; ", reasons);
        ModelVersion version =
                environment.registry().createModelVersion(name, modelUri, run.runId(), tags, null, description);
        String reason = "gate passed: " + String.join("; ", reasons);
        environment
                .registry()
                .moveAlias(name, project.registry().alias(), version.version(), environment.user(), reason);
        listener.step("registered " + name + " version " + version.version() + " as @"
                + project.registry().alias());
        return version;
    }

    private static String sha256(Path file) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return "sha256:" + HexFormat.of().formatHex(digest.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw GyreException.invalid("cannot read the project file " + file + ": " + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static void deleteQuietly(Path folder) {
        if (folder == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
