package dev.gyre.model.pack;

import dev.gyre.model.MetricTarget;
import dev.gyre.model.Task;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The description of a model package ({@code gyre-model.json}): what the model predicts, how to read its files, the
 * targets of its project (quality gates, serving SLOs) and its lineage. Serving and monitoring read the SLOs and the
 * class labels from here, so they live with the model instead of in a deployment's configuration.
 *
 * @param formatVersion the package format version ({@link ModelPackage#FORMAT_VERSION} when written by this code)
 * @param name the model's name (the registered model name)
 * @param task binary, multiclass or regression
 * @param target the target column's name
 * @param classes class labels in score order (index 1 is the positive class for binary); empty for regression
 * @param threshold the decision threshold on P(positive) for binary; {@code 0.5} otherwise (unused)
 * @param runtime the predictor kind that reads {@link #modelFile}, e.g. {@code xgboost}
 * @param modelFile the model file's name inside the package
 * @param signature inputs and outputs
 * @param qualityTargets the project's quality targets (gates)
 * @param servingTargets the project's serving targets (SLOs: latency, throughput)
 * @param metrics the held-out test metrics the model was registered with
 * @param lineage where it came from
 * @param createdAt when the package was written, ISO-8601 UTC
 * @param gyreVersion the Gyre version that wrote it
 */
public record PackageManifest(
        int formatVersion,
        String name,
        Task task,
        String target,
        List<String> classes,
        double threshold,
        String runtime,
        String modelFile,
        Signature signature,
        List<MetricTarget> qualityTargets,
        List<MetricTarget> servingTargets,
        Map<String, Double> metrics,
        Lineage lineage,
        String createdAt,
        String gyreVersion) {

    public PackageManifest {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(runtime, "runtime");
        Objects.requireNonNull(modelFile, "modelFile");
        Objects.requireNonNull(signature, "signature");
        Objects.requireNonNull(lineage, "lineage");
        classes = List.copyOf(classes);
        qualityTargets = List.copyOf(qualityTargets);
        servingTargets = List.copyOf(servingTargets);
        metrics = Map.copyOf(metrics);
        if (task.classification() && classes.size() < 2) {
            throw new IllegalArgumentException("a " + task.label() + " model needs at least 2 class labels");
        }
        if (task == Task.BINARY && classes.size() != 2) {
            throw new IllegalArgumentException("a binary model has exactly 2 class labels, not " + classes.size());
        }
        if (!(threshold > 0 && threshold < 1)) {
            throw new IllegalArgumentException("the decision threshold must be in (0, 1), not " + threshold);
        }
    }

    /** The positive class of a binary model. */
    public String positiveClass() {
        if (task != Task.BINARY) {
            throw new IllegalStateException("only binary models have a positive class");
        }
        return classes.get(1);
    }
}
