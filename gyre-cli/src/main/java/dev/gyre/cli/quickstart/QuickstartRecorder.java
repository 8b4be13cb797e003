package dev.gyre.cli.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.client.TrackingClient;
import dev.gyre.core.error.ErrorCode;
import dev.gyre.core.error.GyreException;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The quickstart's experiment, recorded as any MLflow user would record it — over HTTP through MLflow's REST API:
 * find or create the {@code quickstart} experiment; for each hyper-parameter setting create a run, log the dataset
 * input, params, tags and per-epoch metrics, upload the model and a metrics summary through the artifact proxy,
 * and finish the run; then register the best run's model as {@code breast-cancer} and point {@code champion} at it.
 */
public final class QuickstartRecorder {

    public static final String EXPERIMENT_NAME = "quickstart";
    public static final String MODEL_NAME = "breast-cancer";
    public static final String ALIAS = "champion";

    /** The settings tried, one run each: from a cautious learner without penalty to an aggressive, penalised one. */
    public static final List<LogisticRegression.Hyperparameters> GRID = List.of(
            new LogisticRegression.Hyperparameters(0.01, 0.0, 60),
            new LogisticRegression.Hyperparameters(0.1, 0.001, 60),
            new LogisticRegression.Hyperparameters(0.5, 0.01, 60),
            new LogisticRegression.Hyperparameters(1.0, 0.1, 60));

    static final long SEED = 42;
    static final double VALIDATION_FRACTION = 0.25;

    /** Metrics are sent in one log-batch per this many epochs, as MLflow's batching clients do. */
    static final int EPOCHS_PER_BATCH = 10;

    /** One finished run. */
    public record RunResult(
            String runId,
            String runName,
            LogisticRegression.Hyperparameters hyperparameters,
            LogisticRegression.EpochMetrics last,
            String artifactUri) {}

    /** Everything the quickstart did. */
    public record Outcome(
            String experimentId,
            String datasetDigest,
            LabeledData data,
            int trainRows,
            int validationRows,
            List<RunResult> runs,
            RunResult best,
            long modelVersion) {}

    private final TrackingClient client;
    private final String userName;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    public QuickstartRecorder(TrackingClient client, String userName, Clock clock) {
        this.client = client;
        this.userName = userName;
        this.clock = clock;
    }

    /**
     * Trains every setting in {@link #GRID} on {@code data}, records each run with {@code datasetInput} (MLflow's
     * log-inputs form of the registered dataset version whose content hash is {@code datasetDigest}), registers the
     * best, and returns what happened.
     */
    public Outcome record(LabeledData data, ObjectNode datasetInput, String datasetDigest) {
        TrainValidationSplit split = TrainValidationSplit.stratified(data, VALIDATION_FRACTION, SEED);
        Standardizer standardizer = Standardizer.fit(data, split.train());
        double[][] xTrain = standardizer.transform(data, split.train());
        double[][] xValidation = standardizer.transform(data, split.validation());
        int[] yTrain = Standardizer.labels(data, split.train());
        int[] yValidation = Standardizer.labels(data, split.validation());

        String experimentId = findOrCreateExperiment();
        List<RunResult> runs = new ArrayList<>();
        for (LogisticRegression.Hyperparameters hyper : GRID) {
            runs.add(recordRun(
                    experimentId,
                    hyper,
                    datasetInput,
                    data,
                    standardizer,
                    split,
                    xTrain,
                    yTrain,
                    xValidation,
                    yValidation));
        }
        RunResult best = runs.stream()
                .max(Comparator.comparingDouble((RunResult r) -> r.last().validationAuc())
                        .thenComparing(r -> -r.last().validationLogLoss()))
                .orElseThrow();
        long version = register(best);
        return new Outcome(
                experimentId,
                datasetDigest,
                data,
                split.train().length,
                split.validation().length,
                runs,
                best,
                version);
    }

    private String findOrCreateExperiment() {
        try {
            return client.get("experiments/get-by-name", Map.of("experiment_name", EXPERIMENT_NAME))
                    .path("experiment")
                    .path("experiment_id")
                    .asText();
        } catch (GyreException e) {
            if (e.code() != ErrorCode.RESOURCE_DOES_NOT_EXIST) {
                throw e;
            }
        }
        ObjectNode body = client.object().put("name", EXPERIMENT_NAME);
        addTag(
                body.putArray("tags"),
                "mlflow.note.content",
                "Logistic regression on the Wisconsin breast-cancer data, recorded by `gyre quickstart`.");
        return client.post("experiments/create", body).path("experiment_id").asText();
    }

    private RunResult recordRun(
            String experimentId,
            LogisticRegression.Hyperparameters hyper,
            ObjectNode datasetInput,
            LabeledData data,
            Standardizer standardizer,
            TrainValidationSplit split,
            double[][] xTrain,
            int[] yTrain,
            double[][] xValidation,
            int[] yValidation) {
        String runName = "logreg lr=" + hyper.learningRate() + " l2=" + hyper.l2();
        ObjectNode create = client.object()
                .put("experiment_id", experimentId)
                .put("run_name", runName)
                .put("user_id", userName)
                .put("start_time", clock.millis());
        ArrayNode tags = create.putArray("tags");
        addTag(tags, "mlflow.runName", runName);
        addTag(tags, "mlflow.source.name", "gyre quickstart");
        addTag(tags, "mlflow.source.type", "LOCAL");
        addTag(tags, "mlflow.user", userName);
        JsonNode info = client.post("runs/create", create).path("run").path("info");
        String runId = info.path("run_id").asText();
        String artifactUri = info.path("artifact_uri").asText();
        try {
            ObjectNode inputs = client.object().put("run_id", runId);
            inputs.putArray("datasets").add(datasetInput);
            client.post("runs/log-inputs", inputs);
            logParams(runId, hyper, split);

            MetricBatcher metrics = new MetricBatcher(runId);
            List<LogisticRegression.EpochMetrics> history = new ArrayList<>();
            LogisticRegression.Model model =
                    LogisticRegression.train(xTrain, yTrain, xValidation, yValidation, hyper, epoch -> {
                        history.add(epoch);
                        metrics.add(epoch);
                    });
            metrics.flush();
            LogisticRegression.EpochMetrics last = history.getLast();

            String artifactPath = artifactPath(artifactUri);
            client.putArtifact(
                    artifactPath + "/model/coefficients.json", bytes(coefficients(model, standardizer, data, hyper)));
            client.putArtifact(artifactPath + "/metrics_summary.json", bytes(summary(runId, history, split)));

            finish(runId, "FINISHED");
            return new RunResult(runId, runName, hyper, last, artifactUri);
        } catch (RuntimeException e) {
            finishQuietly(runId, e);
            throw e;
        }
    }

    private void logParams(String runId, LogisticRegression.Hyperparameters hyper, TrainValidationSplit split) {
        ObjectNode batch = client.object().put("run_id", runId);
        ArrayNode params = batch.putArray("params");
        addParam(params, "model", "logistic_regression");
        addParam(params, "optimizer", "full_batch_gradient_descent");
        addParam(params, "learning_rate", Double.toString(hyper.learningRate()));
        addParam(params, "l2", Double.toString(hyper.l2()));
        addParam(params, "epochs", Integer.toString(hyper.epochs()));
        addParam(params, "feature_scaling", "standardize");
        addParam(params, "split", "stratified");
        addParam(params, "validation_fraction", Double.toString(VALIDATION_FRACTION));
        addParam(params, "seed", Long.toString(SEED));
        addParam(params, "train_rows", Integer.toString(split.train().length));
        addParam(params, "validation_rows", Integer.toString(split.validation().length));
        client.post("runs/log-batch", batch);
    }

    /** Buffers per-epoch metrics and sends them {@link #EPOCHS_PER_BATCH} epochs at a time. */
    private final class MetricBatcher {
        private final String runId;
        private ObjectNode batch;
        private int epochsInBatch;

        MetricBatcher(String runId) {
            this.runId = runId;
            this.batch = newBatch();
        }

        void add(LogisticRegression.EpochMetrics epoch) {
            long now = clock.millis();
            ArrayNode metrics = (ArrayNode) batch.get("metrics");
            addMetric(metrics, "train_log_loss", epoch.trainLogLoss(), now, epoch.epoch());
            addMetric(metrics, "val_log_loss", epoch.validationLogLoss(), now, epoch.epoch());
            addMetric(metrics, "val_accuracy", epoch.validationAccuracy(), now, epoch.epoch());
            addMetric(metrics, "val_auc", epoch.validationAuc(), now, epoch.epoch());
            if (++epochsInBatch == EPOCHS_PER_BATCH) {
                flush();
            }
        }

        void flush() {
            if (epochsInBatch > 0) {
                client.post("runs/log-batch", batch);
                batch = newBatch();
                epochsInBatch = 0;
            }
        }

        private ObjectNode newBatch() {
            ObjectNode b = client.object().put("run_id", runId);
            b.putArray("metrics");
            return b;
        }
    }

    private ObjectNode coefficients(
            LogisticRegression.Model model,
            Standardizer standardizer,
            LabeledData data,
            LogisticRegression.Hyperparameters hyper) {
        ObjectNode root = json.createObjectNode()
                .put("model", "logistic_regression")
                .put(
                        "description",
                        "p(class = " + data.classNames().get(1) + ") = sigmoid(bias + sum(weight_j * "
                                + "(x_j - mean_j) / std_j))")
                .put("positive_class", data.classNames().get(1))
                .put("bias", model.bias());
        ArrayNode classes = root.putArray("classes");
        data.classNames().forEach(classes::add);
        ArrayNode features = root.putArray("features");
        for (int j = 0; j < data.columns(); j++) {
            features.addObject()
                    .put("name", data.featureNames().get(j))
                    .put("weight", model.weights()[j])
                    .put("mean", standardizer.means()[j])
                    .put("std", standardizer.deviations()[j]);
        }
        root.putObject("hyperparameters")
                .put("learning_rate", hyper.learningRate())
                .put("l2", hyper.l2())
                .put("epochs", hyper.epochs());
        return root;
    }

    private ObjectNode summary(
            String runId, List<LogisticRegression.EpochMetrics> history, TrainValidationSplit split) {
        LogisticRegression.EpochMetrics last = history.getLast();
        LogisticRegression.EpochMetrics bestLoss = history.stream()
                .min(Comparator.comparingDouble(LogisticRegression.EpochMetrics::validationLogLoss))
                .orElseThrow();
        ObjectNode root = json.createObjectNode()
                .put("run_id", runId)
                .put("epochs", history.size())
                .put("train_rows", split.train().length)
                .put("validation_rows", split.validation().length);
        root.putObject("final")
                .put("train_log_loss", last.trainLogLoss())
                .put("val_log_loss", last.validationLogLoss())
                .put("val_accuracy", last.validationAccuracy())
                .put("val_auc", last.validationAuc());
        root.putObject("best_val_log_loss")
                .put("epoch", bestLoss.epoch())
                .put("val_log_loss", bestLoss.validationLogLoss());
        return root;
    }

    private long register(RunResult best) {
        ObjectNode model = client.object()
                .put("name", MODEL_NAME)
                .put("description", "Breast-cancer classifier (logistic regression) from `gyre quickstart`.");
        try {
            client.post("registered-models/create", model);
        } catch (GyreException e) {
            if (e.code() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
                throw e;
            }
        }
        ObjectNode version = client.object()
                .put("name", MODEL_NAME)
                .put("source", best.artifactUri() + "/model")
                .put("run_id", best.runId())
                .put(
                        "description",
                        String.format(
                                java.util.Locale.ROOT,
                                "val_auc=%.4f, %s",
                                best.last().validationAuc(),
                                best.runName()));
        long number = client.post("model-versions/create", version)
                .path("model_version")
                .path("version")
                .asLong();
        client.post(
                "registered-models/alias",
                client.object().put("name", MODEL_NAME).put("alias", ALIAS).put("version", Long.toString(number)));
        return number;
    }

    private void finish(String runId, String status) {
        client.post(
                "runs/update",
                client.object().put("run_id", runId).put("status", status).put("end_time", clock.millis()));
    }

    private void finishQuietly(String runId, RuntimeException cause) {
        try {
            finish(runId, "FAILED");
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** {@code mlflow-artifacts:/1/<run>/artifacts} (or with a host) → {@code 1/<run>/artifacts}. */
    static String artifactPath(String artifactUri) {
        URI uri = URI.create(artifactUri);
        if (!"mlflow-artifacts".equals(uri.getScheme())) {
            throw new GyreException(
                    ErrorCode.INVALID_STATE,
                    "The run's artifact URI " + artifactUri
                            + " is not served by the artifact proxy (mlflow-artifacts:/...); the quickstart needs it.");
        }
        String path = uri.getPath();
        return path.startsWith("/") ? path.substring(1) : path;
    }

    private byte[] bytes(JsonNode node) {
        try {
            return json.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise artifact", e);
        }
    }

    private static void addTag(ArrayNode tags, String key, String value) {
        tags.addObject().put("key", key).put("value", value);
    }

    private static void addParam(ArrayNode params, String key, String value) {
        params.addObject().put("key", key).put("value", value);
    }

    private static void addMetric(ArrayNode metrics, String key, double value, long timestamp, long step) {
        metrics.addObject()
                .put("key", key)
                .put("value", value)
                .put("timestamp", timestamp)
                .put("step", step);
    }
}
