package dev.gyre.serve;

import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import dev.gyre.model.features.FeaturePipeline;
import dev.gyre.model.features.FittedPipeline;
import dev.gyre.model.features.PipelineSpec;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.pack.Lineage;
import dev.gyre.model.pack.ModelPackage;
import dev.gyre.model.pack.PackageManifest;
import dev.gyre.model.runtime.XGBoostPredictor;
import dev.gyre.store.artifact.ArtifactStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;

/**
 * Small real models for the serving tests, trained here with XGBoost4J: a Gyre package over a numeric column
 * {@code size} and a text column {@code shape} (label {@code yes} when size > 5 or the shape is star; {@code rounds}
 * changes the model, so two packages score differently), and a bare XGBoost model file over 3 features.
 */
public final class TestModels {

    private TestModels() {}

    /** Writes a binary package into {@code directory} (which must not exist) and answers it. */
    public static Path binaryPackage(Path directory, int rounds) throws Exception {
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
        FeatureMatrix matrix = pipeline.transform(training);
        Booster booster = train(matrix.values(), matrix.rows(), matrix.width(), label, rounds, "binary:logistic");
        try (XGBoostPredictor predictor = XGBoostPredictor.adopt(booster, Task.BINARY, "gbtree")) {
            PackageManifest manifest = new PackageManifest(
                    ModelPackage.FORMAT_VERSION,
                    "shapes",
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
                            "shapes",
                            "sha256:0000",
                            null,
                            null,
                            7,
                            "xgboost",
                            Map.of(),
                            List.of(new Lineage.DatasetUse("train", null, null, "sha256:1111", "synthetic", rows))),
                    "2026-11-23T16:00:00Z",
                    "test");
            return ModelPackage.write(directory, manifest, pipeline, predictor, null);
        }
    }

    /**
     * A regression package over every column kind: {@code amount} (numeric), {@code member} (boolean), {@code city}
     * (text) and {@code seen} (timestamp); the target grows with amount, membership and the hour of {@code seen}.
     */
    public static Path mixedPackage(Path directory) throws Exception {
        int rows = 200;
        double[] amount = new double[rows];
        double[] member = new double[rows];
        String[] city = new String[rows];
        double[] seen = new double[rows];
        float[] label = new float[rows];
        String[] cities = {"Oslo", "Lima", "Pune", "Kyiv"};
        long start = java.time.Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
        for (int i = 0; i < rows; i++) {
            amount[i] = i % 17;
            member[i] = i % 2;
            city[i] = cities[i % 4];
            seen[i] = start + (i % 24) * 3_600_000L + (i / 24) * 86_400_000L;
            label[i] = (float) (amount[i] + 5 * member[i] + (i % 24) / 4.0);
        }
        Frame training = Frame.of(
                NumericColumn.of("amount", amount),
                new NumericColumn("member", dev.gyre.model.frame.ValueKind.BOOLEAN, member),
                TextColumn.of("city", city),
                new NumericColumn("seen", dev.gyre.model.frame.ValueKind.TIMESTAMP, seen));
        FittedPipeline pipeline = FeaturePipeline.fit(PipelineSpec.auto(), training);
        FeatureMatrix matrix = pipeline.transform(training);
        Booster booster = train(matrix.values(), matrix.rows(), matrix.width(), label, 30, "reg:squarederror");
        try (XGBoostPredictor predictor = XGBoostPredictor.adopt(booster, Task.REGRESSION, "gbtree")) {
            PackageManifest manifest = new PackageManifest(
                    ModelPackage.FORMAT_VERSION,
                    "mixed",
                    Task.REGRESSION,
                    "spend",
                    List.of(),
                    0.5,
                    predictor.kind(),
                    ModelPackage.modelFileFor(predictor),
                    ModelPackage.signatureOf(pipeline, Task.REGRESSION, List.of()),
                    List.of(),
                    List.of(),
                    Map.of(),
                    new Lineage(
                            "mixed",
                            "sha256:0000",
                            null,
                            null,
                            7,
                            "xgboost",
                            Map.of(),
                            List.of(new Lineage.DatasetUse("train", null, null, "sha256:2222", "synthetic", rows))),
                    "2026-11-23T16:00:00Z",
                    "test");
            return ModelPackage.write(directory, manifest, pipeline, predictor, null);
        }
    }

    /** A bare XGBoost regression model over 3 features (y = 2·x0 − x1, x2 ignored), saved as UBJSON bytes. */
    public static byte[] bareRegressionModel() throws Exception {
        int rows = 200;
        float[] values = new float[rows * 3];
        float[] label = new float[rows];
        for (int i = 0; i < rows; i++) {
            values[i * 3] = i % 10;
            values[i * 3 + 1] = (i / 10) % 7;
            values[i * 3 + 2] = i % 3;
            label[i] = 2 * values[i * 3] - values[i * 3 + 1];
        }
        Booster booster = train(values, rows, 3, label, 50, "reg:squarederror");
        try {
            return booster.toByteArray("ubj");
        } finally {
            booster.dispose();
        }
    }

    /** Copies a local folder into the artifact store under {@code storePath}. */
    public static void upload(ArtifactStore artifacts, Path folder, String storePath) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                try (InputStream content = Files.newInputStream(file)) {
                    artifacts.write(storePath + "/" + relative, content);
                }
            }
        }
    }

    private static Booster train(float[] values, int rows, int width, float[] label, int rounds, String objective)
            throws Exception {
        DMatrix train = new DMatrix(values, rows, width, Float.NaN);
        try {
            train.setLabel(label);
            Map<String, Object> params = new HashMap<>();
            params.put("objective", objective);
            params.put("max_depth", 3);
            params.put("eta", 0.3);
            params.put("seed", 7);
            params.put("nthread", 1);
            return XGBoost.train(train, params, rounds, Map.of(), null, null);
        } finally {
            train.dispose();
        }
    }
}
