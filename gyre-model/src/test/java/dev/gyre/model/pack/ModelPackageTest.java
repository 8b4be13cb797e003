package dev.gyre.model.pack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeaturePipeline;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.PipelineSpec;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.runtime.BaselinePredictor;
import dev.gyre.model.runtime.Predictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPackageTest {

    private static final Frame TRAINING = Frame.of(
            NumericColumn.of("income", 10, 20, 30, Double.NaN), TextColumn.of("state", "CA", "NY", "CA", null));

    private final FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), TRAINING);

    private PackageManifest manifest(Predictor predictor) {
        return new PackageManifest(
                ModelPackage.FORMAT_VERSION,
                "credit",
                Task.BINARY,
                "Class",
                List.of("good", "bad"),
                0.3,
                predictor.kind(),
                ModelPackage.modelFileFor(predictor),
                ModelPackage.signatureOf(pipeline, Task.BINARY, List.of("good", "bad")),
                List.of(MetricTarget.parse("auc >= 0.7")),
                List.of(MetricTarget.parse("p99_latency_ms <= 10")),
                Map.of("auc", 0.5, "ece", Double.NaN),
                new Lineage(
                        "credit",
                        "sha256:00",
                        "run1",
                        null,
                        42,
                        "baseline",
                        Map.of("rounds", "1"),
                        List.of(new Lineage.DatasetUse("train", "loans", 3L, "sha256:ab", "/data/loans.csv", 4))),
                "2026-11-23T15:00:00Z",
                "0.1.0");
    }

    @Test
    void writtenPackageLoadsBackAndPredictsWithItsThresholdAndLabels(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("model");
        try (Predictor predictor = BaselinePredictor.ofClassShares(
                Task.BINARY, pipeline.outputNames().size(), new double[] {0.6, 0.4})) {
            ModelPackage.write(folder, manifest(predictor), pipeline, predictor, "{\"profile\": 1}".getBytes());
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder(
                            "gyre-model.json", "pipeline.json", "model.json", "MLmodel", "training-profile.json");
        }
        try (Stream<Path> siblings = Files.list(dir)) {
            assertThat(siblings).hasSize(1);
        }
        try (ModelPackage loaded = ModelPackage.load(folder)) {
            PackageManifest read = loaded.manifest();
            assertThat(read)
                    .usingRecursiveComparison()
                    .ignoringFields("metrics")
                    .isEqualTo(manifest(loaded.predictor()));
            assertThat(read.metrics()).containsEntry("auc", 0.5);
            assertThat(read.metrics().get("ece")).isNaN();
            assertThat(read.positiveClass()).isEqualTo("bad");
            assertThat(loaded.pipeline()).isEqualTo(pipeline);
            assertThat(loaded.trainingProfile()).contains(folder.resolve("training-profile.json"));

            Predictions predictions = loaded.predict(
                    Frame.of(NumericColumn.of("income", 5, Double.NaN), TextColumn.of("state", "TX", "CA")));
            assertThat(predictions.scores().probability(0)).isEqualTo(0.4);
            // P(bad) = 0.4 is above the package's threshold of 0.3
            assertThat(predictions.labels()).containsExactly("bad", "bad");
        }
    }

    @Test
    void mlmodelFileCarriesTheSignatureAndOnlyTheGyreFlavor(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("model");
        try (Predictor predictor = BaselinePredictor.ofClassShares(
                Task.BINARY, pipeline.outputNames().size(), new double[] {0.6, 0.4})) {
            ModelPackage.write(folder, manifest(predictor), pipeline, predictor, null);
        }
        JsonNode mlmodel = new ObjectMapper(new YAMLFactory())
                .readTree(folder.resolve("MLmodel").toFile());
        assertThat(mlmodel.path("flavors").properties())
                .extracting(Map.Entry::getKey)
                .containsExactly("gyre");
        assertThat(mlmodel.path("flavors").path("gyre").path("model_file").asText())
                .isEqualTo("model.json");
        assertThat(mlmodel.path("run_id").asText()).isEqualTo("run1");
        assertThat(mlmodel.path("utc_time_created").asText()).isEqualTo("2026-11-23 15:00:00.000000");
        JsonNode inputs = new ObjectMapper()
                .readTree(mlmodel.path("signature").path("inputs").asText());
        assertThat(inputs.findValuesAsText("name")).containsExactly("income", "state");
        assertThat(inputs.findValuesAsText("type")).containsExactly("double", "string");
        JsonNode outputs = new ObjectMapper()
                .readTree(mlmodel.path("signature").path("outputs").asText());
        assertThat(outputs.findValuesAsText("name")).containsExactly("probability", "label");
    }

    @Test
    void aNonEmptyTargetFolderIsRefusedAndLeftAlone(@TempDir Path dir) throws Exception {
        Path folder = Files.createDirectories(dir.resolve("model"));
        Files.writeString(folder.resolve("keep.txt"), "mine");
        try (Predictor predictor = BaselinePredictor.ofClassShares(
                Task.BINARY, pipeline.outputNames().size(), new double[] {0.6, 0.4})) {
            assertThatThrownBy(() -> ModelPackage.write(folder, manifest(predictor), pipeline, predictor, null))
                    .isInstanceOf(GyreException.class)
                    .hasMessageContaining("the folder is not empty");
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertThat(files).containsExactly(folder.resolve("keep.txt"));
        }
    }

    @Test
    void aFolderThatIsNotAPackageOrComesFromANewerGyreIsNamed(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ModelPackage.load(dir))
                .isInstanceOf(GyreException.class)
                .hasMessage(dir.toAbsolutePath() + " is not a Gyre model package: it has no gyre-model.json");

        Path folder = dir.resolve("model");
        try (Predictor predictor = BaselinePredictor.ofClassShares(
                Task.BINARY, pipeline.outputNames().size(), new double[] {0.6, 0.4})) {
            ModelPackage.write(folder, manifest(predictor), pipeline, predictor, null);
        }
        Path manifestFile = folder.resolve("gyre-model.json");
        Files.writeString(
                manifestFile, Files.readString(manifestFile).replace("\"gyre.model/v1\"", "\"gyre.model/v9\""));
        assertThatThrownBy(() -> ModelPackage.load(folder))
                .isInstanceOf(GyreException.class)
                .hasMessageContaining("package format gyre.model/v9 is newer than this Gyre reads");
    }

    @Test
    void aModelThatDoesNotFitThePipelineIsRefused(@TempDir Path dir) {
        try (Predictor predictor = BaselinePredictor.ofClassShares(Task.BINARY, 99, new double[] {0.6, 0.4})) {
            assertThatThrownBy(
                            () -> ModelPackage.write(dir.resolve("m"), manifest(predictor), pipeline, predictor, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("the model expects 99 features but the pipeline produces");
        }
    }
}
