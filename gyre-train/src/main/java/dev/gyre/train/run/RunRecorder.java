package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.core.tracking.DatasetInput;
import dev.gyre.core.tracking.Experiment;
import dev.gyre.core.tracking.Metric;
import dev.gyre.core.tracking.Param;
import dev.gyre.core.tracking.Run;
import dev.gyre.core.tracking.RunStatus;
import dev.gyre.core.tracking.Tag;
import dev.gyre.store.artifact.ArtifactPaths;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Records one training run through the tracking and artifact stores, in MLflow's terms: params, metrics (with
 * steps), tags, dataset inputs and artifacts under the run's artifact root. Batches stay within MLflow's limits
 * (100 params or tags, 1000 metrics per call), so a store that enforces them accepts every call.
 */
final class RunRecorder {

    private static final int MAX_PARAMS_OR_TAGS = 100;
    private static final int MAX_METRICS = 1000;

    private final TrainingEnvironment environment;
    private final Run run;
    private final String artifactRoot;

    private RunRecorder(TrainingEnvironment environment, Run run) {
        this.environment = environment;
        this.run = run;
        this.artifactRoot = ArtifactPaths.proxiedRoot(run.info().artifactUri());
    }

    /** Starts a run named {@code runName} in the experiment {@code experimentName}, creating it when missing. */
    static RunRecorder start(
            TrainingEnvironment environment, String experimentName, String runName, Map<String, String> tags) {
        String experimentId = environment
                .tracking()
                .getExperimentByName(experimentName)
                .map(Experiment::experimentId)
                .orElseGet(() -> createExperiment(environment, experimentName));
        List<Tag> runTags = new ArrayList<>();
        new TreeMap<>(tags).forEach((key, value) -> runTags.add(new Tag(key, value)));
        Run run = environment
                .tracking()
                .createRun(experimentId, environment.user(), environment.clock().millis(), runTags, runName);
        return new RunRecorder(environment, run);
    }

    private static String createExperiment(TrainingEnvironment environment, String name) {
        try {
            return environment.tracking().createExperiment(name, null, List.of());
        } catch (GyreException e) {
            // Another job created it meanwhile.
            return environment
                    .tracking()
                    .getExperimentByName(name)
                    .map(Experiment::experimentId)
                    .orElseThrow(() -> e);
        }
    }

    String runId() {
        return run.info().runId();
    }

    String experimentId() {
        return run.info().experimentId();
    }

    /** The run's artifact root URI, e.g. {@code mlflow-artifacts:/1/<run>/artifacts}. */
    String artifactUri() {
        return run.info().artifactUri();
    }

    void params(Map<String, String> params) {
        List<Param> all = new ArrayList<>();
        new TreeMap<>(params).forEach((key, value) -> all.add(new Param(key, value)));
        for (int from = 0; from < all.size(); from += MAX_PARAMS_OR_TAGS) {
            List<Param> batch = all.subList(from, Math.min(all.size(), from + MAX_PARAMS_OR_TAGS));
            environment.tracking().logBatch(runId(), List.of(), batch, List.of());
        }
    }

    void tags(Map<String, String> tags) {
        List<Tag> all = new ArrayList<>();
        new TreeMap<>(tags).forEach((key, value) -> all.add(new Tag(key, value)));
        for (int from = 0; from < all.size(); from += MAX_PARAMS_OR_TAGS) {
            List<Tag> batch = all.subList(from, Math.min(all.size(), from + MAX_PARAMS_OR_TAGS));
            environment.tracking().logBatch(runId(), List.of(), List.of(), batch);
        }
    }

    /** Metrics at step 0, skipping values that are not finite (MLflow would store them, but they only mislead). */
    void metrics(Map<String, Double> metrics) {
        long now = environment.clock().millis();
        List<Metric> all = new ArrayList<>();
        new TreeMap<>(metrics).forEach((key, value) -> {
            if (Double.isFinite(value)) {
                all.add(new Metric(key, value, now, 0));
            }
        });
        metrics(all);
    }

    void metrics(List<Metric> metrics) {
        for (int from = 0; from < metrics.size(); from += MAX_METRICS) {
            List<Metric> batch = metrics.subList(from, Math.min(metrics.size(), from + MAX_METRICS));
            environment.tracking().logBatch(runId(), batch, List.of(), List.of());
        }
    }

    /**
     * Params, metrics and tags in as few calls as MLflow's batch limits allow — one for a tuning trial — because each
     * call is a durable commit, which on the embedded store costs milliseconds whatever its size.
     */
    void batch(Map<String, String> params, List<Metric> metrics, Map<String, String> tags) {
        List<Param> allParams = new ArrayList<>();
        new TreeMap<>(params).forEach((key, value) -> allParams.add(new Param(key, value)));
        List<Tag> allTags = new ArrayList<>();
        new TreeMap<>(tags).forEach((key, value) -> allTags.add(new Tag(key, value)));
        int calls = Math.max(
                1,
                Math.max(
                        Math.ceilDiv(metrics.size(), MAX_METRICS),
                        Math.max(
                                Math.ceilDiv(allParams.size(), MAX_PARAMS_OR_TAGS),
                                Math.ceilDiv(allTags.size(), MAX_PARAMS_OR_TAGS))));
        for (int call = 0; call < calls; call++) {
            environment
                    .tracking()
                    .logBatch(
                            runId(),
                            slice(metrics, call, MAX_METRICS),
                            slice(allParams, call, MAX_PARAMS_OR_TAGS),
                            slice(allTags, call, MAX_PARAMS_OR_TAGS));
        }
    }

    private static <T> List<T> slice(List<T> all, int call, int size) {
        int from = Math.min(all.size(), call * size);
        return all.subList(from, Math.min(all.size(), from + size));
    }

    void inputs(List<DatasetInput> inputs) {
        if (!inputs.isEmpty()) {
            environment.tracking().logInputs(runId(), inputs);
        }
    }

    /** Uploads every file under {@code folder} to {@code artifactPath} in the run's artifacts. */
    void uploadFolder(Path folder, String artifactPath) {
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                String relative = folder.relativize(file).toString().replace('\\', '/');
                try (InputStream content = Files.newInputStream(file)) {
                    environment.artifacts().write(artifactRoot + "/" + artifactPath + "/" + relative, content);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot upload " + folder + " as run artifacts", e);
        }
    }

    void uploadText(String artifactPath, String text) {
        environment
                .artifacts()
                .write(
                        artifactRoot + "/" + artifactPath,
                        new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    void finish(RunStatus status) {
        environment.tracking().updateRun(runId(), status, environment.clock().millis(), null);
    }
}
