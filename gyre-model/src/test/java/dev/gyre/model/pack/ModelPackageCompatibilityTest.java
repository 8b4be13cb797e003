package dev.gyre.model.pack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeaturePipeline;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.PipelineSpec;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.runtime.XGBoostPredictor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model package written by Gyre 0.1 (format {@code gyre.model/v1}: an XGBoost model behind an auto pipeline with
 * a one-hot text column) is committed under {@code src/test/resources/compat/package-v1}; every later version must
 * load it and score the same rows to the same probabilities. {@code -Dgyre.package.regenerate=true} rewrites it —
 * only ever for the current format version, never for a released one.
 */
class ModelPackageCompatibilityTest {

    private static final Path FIXTURE = Path.of("src/test/resources/compat/package-v1");

    /** Rows scored by the committed package when it was written, and the probabilities it gave. */
    private static final Frame PROBE = Frame.of(
            NumericColumn.of("size", 1, 12, 7, Double.NaN), TextColumn.of("shape", "round", "square", "star", null));

    private static final double[] PROBE_PROBABILITIES = {
        0.06854895502328873, 0.95509934425354, 0.95509934425354, 0.95509934425354
    };

    @Test
    void theCommittedVersionOnePackageStillLoadsAndScoresAsItDid(@TempDir Path temp) throws Exception {
        if (Boolean.getBoolean("gyre.package.regenerate")) {
            regenerate(temp);
        }
        try (ModelPackage pack = ModelPackage.load(FIXTURE)) {
            PackageManifest manifest = pack.manifest();
            assertThat(manifest.formatVersion()).isEqualTo(1);
            assertThat(manifest.task()).isEqualTo(Task.BINARY);
            assertThat(manifest.classes()).containsExactly("no", "yes");
            assertThat(manifest.runtime()).isEqualTo("xgboost");
            assertThat(manifest.qualityTargets()).containsExactly(MetricTarget.parse("auc >= 0.8"));
            assertThat(manifest.servingTargets()).containsExactly(MetricTarget.parse("p99_latency_ms <= 10"));
            assertThat(manifest.lineage().seed()).isEqualTo(7);
            assertThat(manifest.signature().inputs())
                    .extracting(Signature.Field::name)
                    .containsExactly("size", "shape");
            assertThat(pack.trainingProfile()).isPresent();

            Predictions predictions = pack.predict(PROBE);
            for (int row = 0; row < PROBE.rows(); row++) {
                assertThat(predictions.scores().probability(row))
                        .as("row %d", row)
                        .isEqualTo(PROBE_PROBABILITIES[row]);
            }
            assertThat(predictions.labels()).containsExactly("no", "yes", "yes", "yes");
        }
    }

    /** Trains the tiny model the fixture holds: yes when size > 5 or the shape is star. */
    private static void regenerate(Path temp) throws Exception {
        int rows = 120;
        double[] size = new double[rows];
        String[] shape = new String[rows];
        float[] label = new float[rows];
        String[] shapes = {"round", "square", "star"};
        for (int i = 0; i < rows; i++) {
            size[i] = i % 11;
            shape[i] = shapes[i % 3];
            label[i] = size[i] > 5 || shape[i].equals("star") ? 1 : 0;
        }
        Frame training = Frame.of(NumericColumn.of("size", size), TextColumn.of("shape", shape));
        FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), training);
        var matrix = pipeline.transform(training);
        DMatrix train = new DMatrix(matrix.values(), matrix.rows(), matrix.width(), Float.NaN);
        train.setLabel(label);
        Map<String, Object> params = new HashMap<>();
        params.put("objective", "binary:logistic");
        params.put("max_depth", 2);
        params.put("eta", 0.3);
        params.put("seed", 7);
        params.put("nthread", 1);
        Booster booster = XGBoost.train(train, params, 8, Map.of(), null, null);
        train.dispose();
        try (XGBoostPredictor predictor = XGBoostPredictor.adopt(booster, Task.BINARY, "gbtree")) {
            PackageManifest manifest = new PackageManifest(
                    ModelPackage.FORMAT_VERSION,
                    "compat",
                    Task.BINARY,
                    "label",
                    List.of("no", "yes"),
                    0.5,
                    predictor.kind(),
                    ModelPackage.modelFileFor(predictor),
                    ModelPackage.signatureOf(pipeline, Task.BINARY, List.of("no", "yes")),
                    List.of(MetricTarget.parse("auc >= 0.8")),
                    List.of(MetricTarget.parse("p99_latency_ms <= 10")),
                    Map.of("auc", 1.0),
                    new Lineage(
                            "compat",
                            "sha256:0000",
                            null,
                            null,
                            7,
                            "xgboost",
                            Map.of("max_depth", "2", "eta", "0.3"),
                            List.of(new Lineage.DatasetUse("train", null, null, "sha256:1111", "synthetic", rows))),
                    "2026-11-23T16:00:00Z",
                    "0.1.0-SNAPSHOT");
            Path staged = ModelPackage.write(
                    temp.resolve("package-v1"), manifest, pipeline, predictor, "{\"format_version\": 2}".getBytes());
            try (var files = Files.list(FIXTURE.toFile().exists() ? FIXTURE : Files.createDirectories(FIXTURE))) {
                for (Path old : files.toList()) {
                    Files.delete(old);
                }
            }
            try (var files = Files.list(staged)) {
                for (Path file : files.toList()) {
                    Files.copy(file, FIXTURE.resolve(file.getFileName()));
                }
            }
        }
        try (ModelPackage pack = ModelPackage.load(FIXTURE)) {
            Predictions predictions = pack.predict(PROBE);
            for (int row = 0; row < PROBE.rows(); row++) {
                System.out.println("probe " + row + ": " + predictions.scores().probability(row));
            }
        }
    }
}
