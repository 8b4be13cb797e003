package dev.gyre.train.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.registry.ModelVersion;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.data.read.DatasetReader;
import dev.gyre.data.read.DatasetSource;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.Predictions;
import dev.gyre.store.MetadataStores;
import dev.gyre.store.TestDatabases;
import dev.gyre.store.artifact.ArtifactDownload;
import dev.gyre.store.artifact.ArtifactPaths;
import dev.gyre.store.artifact.LocalArtifactStore;
import dev.gyre.store.sql.SqlMetadataStores;
import dev.gyre.train.data.FrameReader;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole modeling stage on the real Lending Club loans: a project file in, a recorded run, a model package and a
 * gated registration out — on the embedded H2 store and a local artifact store, as {@code gyre train} runs them.
 */
class TrainingJobTest {

    private static final Path LENDING_CLUB =
            Path.of(System.getProperty("gyre.shared.data"), "modeldata_lending_club.csv");

    @TempDir
    Path dir;

    private MetadataStores stores;
    private LocalArtifactStore artifacts;
    private TrainingJob job;
    private final List<String> steps = new ArrayList<>();

    @BeforeEach
    void openStores() throws Exception {
        stores = SqlMetadataStores.open(TestDatabases.h2Memory(), "mlflow-artifacts:/");
        artifacts = new LocalArtifactStore(Files.createDirectories(dir.resolve("artifacts")));
        job = new TrainingJob(
                new TrainingEnvironment(
                        stores.tracking(),
                        stores.registry(),
                        stores.datasets(),
                        artifacts,
                        "tester",
                        Clock.systemUTC(),
                        "0.1.0-test"),
                steps::add);
    }

    @AfterEach
    void closeStores() {
        stores.close();
    }

    private Path project(String name, String targets, String extra) throws Exception {
        Path file = dir.resolve(name + ".yaml");
        Files.writeString(file, """
                name: %s
                task: binary
                target: Class
                positive_class: bad
                features: all
                data:
                  train: %s
                split: {method: random, seed: 7, validation: 0.2, test: 0.2, stratify: true}
                model:
                  trainer: xgboost
                  rounds: 60
                  early_stopping_rounds: 10
                  seed: 7
                  params: {max_depth: 4, eta: 0.1}
                baselines: [majority, linear]
                targets:
                  quality: [%s]
                  serving: ["p99_latency_ms <= 10"]
                %s
                """.formatted(name, LENDING_CLUB, targets, extra));
        return file;
    }

    @Test
    void aModelThatMeetsItsTargetsIsRecordedPackagedAndRegisteredAsChallenger() throws Exception {
        TrainingOutcome outcome = job.run(project("credit", "\"auc >= 0.6\"", ""));

        assertThat(outcome.gatePassed()).isTrue();
        assertThat(outcome.evaluatedOn()).isEqualTo("test");
        // XGBoost on these loans is far from perfect but clearly better than chance and than the prior
        assertThat(outcome.metrics().get("auc")).isBetween(0.6, 0.95);
        assertThat(outcome.report().comparison().competitors()).containsExactly("baseline:majority", "baseline:linear");
        assertThat(outcome.reasons()).anySatisfy(reason -> assertThat(reason).contains("auc"));

        Run run = stores.tracking().getRun(outcome.runId());
        assertThat(run.info().status()).isEqualTo(RunStatus.FINISHED);
        Map<String, String> params = run.data().params().stream().collect(Collectors.toMap(Param::key, Param::value));
        assertThat(params)
                .containsEntry("trainer", "xgboost")
                .containsEntry("positive_class", "bad")
                .containsEntry("split.seed", "7")
                .containsEntry("model.max_depth", "4");
        Map<String, String> tags = run.data().tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
        assertThat(tags).containsEntry("gyre.gate", "passed").containsEntry("gyre.task", "binary");
        List<String> metricKeys = run.data().metrics().stream().map(Metric::key).toList();
        assertThat(metricKeys)
                .contains("test.auc", "baseline.majority.auc", "baseline.linear.auc", "validation.logloss")
                .contains("resource.wall_ms", "resource.cpu_ms", "rows.train");
        assertThat(stores.tracking()
                        .getMetricHistory(outcome.runId(), "validation.logloss", 1000, null)
                        .items())
                .hasSizeGreaterThan(5);
        assertThat(run.inputs()).hasSize(1);
        assertThat(run.inputs().getFirst().tags()).contains(new Tag("mlflow.data.context", "training"));

        ModelVersion version = stores.registry().getModelVersionByAlias("credit", "challenger");
        assertThat(version.version()).isEqualTo(outcome.registeredVersion().orElseThrow());
        assertThat(version.source()).isEqualTo(outcome.modelUri());
        assertThat(version.tags()).contains(new Tag("gyre.gate", "passed"), new Tag("gyre.task", "binary"));

        Path local = ArtifactDownload.copy(artifacts, outcome.modelUri(), dir.resolve("download"));
        assertThat(local.resolve("MLmodel")).exists();
        assertThat(local.resolve("training-profile.json")).exists();
        Frame rows;
        try (DatasetReader reader = DatasetReader.open(DatasetSource.of(LENDING_CLUB))) {
            rows = FrameReader.read(reader).select(new int[] {0, 1, 2});
        }
        try (ModelPackage pack = ModelPackage.load(local)) {
            assertThat(pack.manifest().classes()).containsExactly("good", "bad");
            assertThat(pack.manifest().lineage().runId()).isEqualTo(outcome.runId());
            assertThat(pack.manifest().metrics().get("auc"))
                    .isEqualTo(outcome.metrics().get("auc"));
            Predictions predictions = pack.predict(rows.without(List.of("Class")));
            assertThat(predictions.labels()).hasSize(3).allMatch(label -> label.equals("good") || label.equals("bad"));
        }
        String report = read(outcome, "evaluation/report.html");
        assertThat(report).contains("<svg").contains("credit");
    }

    @Test
    void aModelThatMissesItsTargetsIsRecordedButNotRegistered() throws Exception {
        TrainingOutcome outcome = job.run(project("strict", "\"auc >= 0.99\"", ""));

        assertThat(outcome.gatePassed()).isFalse();
        assertThat(outcome.registeredVersion()).isEmpty();
        assertThat(outcome.reasons()).anySatisfy(reason -> assertThat(reason).contains("0.99"));
        Run run = stores.tracking().getRun(outcome.runId());
        assertThat(run.data().tags()).contains(new Tag("gyre.gate", "failed"));
        assertThatThrownBy(() -> stores.registry().getRegisteredModel("strict")).isInstanceOf(GyreException.class);
        assertThat(steps).contains("gate failed: not registered");
    }

    @Test
    void theSameProjectTrainsTheSameModelAndIsComparedWithTheChampion() throws Exception {
        Path project = project("repeat", "\"auc >= 0.6\"", "");
        TrainingOutcome first = job.run(project);
        stores.registry()
                .moveAlias("repeat", "champion", first.registeredVersion().orElseThrow(), "tester", "first");

        TrainingOutcome second = job.run(project);

        assertThat(read(second, "model/model.ubj")).isEqualTo(read(first, "model/model.ubj"));
        assertThat(second.metrics()).isEqualTo(first.metrics());
        assertThat(second.report().comparison().competitors())
                .containsExactly("baseline:majority", "baseline:linear", "champion:v1");
        assertThat(second.registeredVersion()).hasValue(2);
    }

    @Test
    void tuningRunsEachTrialAsAChildRunAndTrainsTheFinalModelWithTheBestParams() throws Exception {
        Path project = project("tuned", "\"auc >= 0.6\"", """
                tuning:
                  method: random
                  trials: 3
                  parallelism: 2
                  space:
                    max_depth: {int: [2, 5]}
                    eta: {log_uniform: [0.05, 0.3]}
                """);

        TrainingOutcome outcome = job.tune(project);

        var tuning = outcome.tuning().orElseThrow();
        assertThat(tuning.trials()).hasSize(3).allSatisfy(trial -> assertThat(trial.succeeded())
                .isTrue());
        Run parent = stores.tracking().getRun(outcome.runId());
        assertThat(parent.info().runName()).startsWith("tune-");
        Map<String, String> params =
                parent.data().params().stream().collect(Collectors.toMap(Param::key, Param::value));
        Map<String, Object> best = tuning.bestParams();
        assertThat(params)
                .containsEntry("model.max_depth", best.get("max_depth").toString())
                .containsEntry("tuning.method", "random");
        for (var trial : tuning.trials()) {
            Run child = stores.tracking().getRun(trial.outcome().orElseThrow().runId());
            assertThat(child.data().tags())
                    .contains(new Tag("mlflow.parentRunId", outcome.runId()))
                    .contains(
                            new Tag("gyre.trial", Integer.toString(trial.trial().number())));
            assertThat(child.info().status()).isEqualTo(RunStatus.FINISHED);
            assertThat(child.data().metrics()).extracting(Metric::key).contains("best.validation.logloss");
        }
        assertThat(parent.data().tags())
                .contains(new Tag(
                        "gyre.tuning.best_run",
                        tuning.best().outcome().orElseThrow().runId()));
        assertThat(outcome.registeredVersion()).hasValue(1);
    }

    @Test
    void aRegressionOnTheDiamondsBeatsTheMeanAndTheLinearBaseline() throws Exception {
        Path file = dir.resolve("diamonds.yaml");
        Files.writeString(file, """
                name: diamonds
                task: regression
                target: price
                features: all
                data: {train: %s}
                split: {method: random, seed: 3, validation: 0.2, test: 0.2}
                model: {trainer: xgboost, rounds: 40, early_stopping_rounds: 5, seed: 3, params: {max_depth: 6}}
                targets: {quality: ["r2 >= 0.9", "rmse <= 1500"]}
                """.formatted(Path.of(System.getProperty("gyre.shared.data"), "ggplot2_diamonds.csv")));

        TrainingOutcome outcome = job.run(file);

        assertThat(outcome.gatePassed())
                .as(String.join("; ", outcome.reasons()))
                .isTrue();
        assertThat(outcome.metrics().get("r2")).isGreaterThan(0.95);
        var comparison = outcome.report().comparison();
        assertThat(comparison.competitors()).containsExactly("baseline:mean", "baseline:linear");
        var r2 = comparison.rows().stream()
                .filter(row -> row.metric().equals("r2"))
                .findFirst()
                .orElseThrow();
        assertThat(r2.others().get(0).value()).isLessThan(0.01); // the mean explains nothing
        assertThat(r2.others().get(1).value()).isLessThan(outcome.metrics().get("r2"));
        assertThat(outcome.report().slices().slices()).isNotEmpty();
    }

    @Test
    void aMulticlassModelOnTheShuttleDataKeepsItsSevenClasses() throws Exception {
        Path file = dir.resolve("shuttle.yaml");
        Files.writeString(file, """
                name: shuttle
                task: multiclass
                target: Class
                features: all
                data: {train: %s}
                split: {method: random, seed: 5, validation: 0.2, test: 0.2, stratify: true}
                model: {trainer: xgboost, rounds: 20, early_stopping_rounds: 5, seed: 5, params: {max_depth: 4}}
                targets: {quality: ["accuracy >= 0.99"]}
                """.formatted(Path.of(System.getProperty("gyre.shared.data"), "mlbench_Shuttle.csv")));

        TrainingOutcome outcome = job.run(file);

        assertThat(outcome.gatePassed())
                .as(String.join("; ", outcome.reasons()))
                .isTrue();
        Path local = ArtifactDownload.copy(artifacts, outcome.modelUri(), dir.resolve("shuttle-model"));
        try (ModelPackage pack = ModelPackage.load(local)) {
            assertThat(pack.manifest().classes()).hasSize(7).contains("Rad.Flow", "High");
        }
    }

    @Test
    void tuningWithoutATuningSectionSaysSo() throws Exception {
        Path project = project("untuned", "\"auc >= 0.6\"", "");
        assertThatThrownBy(() -> job.tune(project))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("has no tuning: section");
    }

    @Test
    void badInputFailsBeforeAnyRunIsRecorded() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                name: bad
                task: binary
                target: Klass
                features: all
                data: {train: %s}
                """.formatted(LENDING_CLUB));
        assertThatThrownBy(() -> job.run(file))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("Klass");
        assertThat(stores.tracking().getExperimentByName("bad")).isEmpty();
    }

    private String read(TrainingOutcome outcome, String artifact) throws Exception {
        String root = ArtifactPaths.proxiedRoot(outcome.modelUri().replaceFirst("/model$", ""));
        try (InputStream in = artifacts.read(root + "/" + artifact)) {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }
}
