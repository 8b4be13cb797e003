package dev.gyre.train.project;

import com.fasterxml.jackson.databind.JsonNode;
import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A modeling project as its {@code gyre.yaml} states it: what is predicted, from which data, how the data is split,
 * which model is trained and tuned, which targets it must meet to be registered, and what the run may use. Written
 * down before any training so that a result is judged against goals set in advance, and so that the same file
 * reproduces the run. Read it with {@link ProjectFile}; the format is in {@code docs/project-file.md}.
 *
 * @param name the project name: the MLflow experiment name and the default registered model name
 * @param task what kind of prediction
 * @param target the column predicted
 * @param positiveClass the positive class of a binary task; empty for the default (see {@link #positiveClassAmong})
 * @param features the columns the model sees
 * @param data the training data and an optional separate test set
 * @param split how the training data is divided
 * @param pipeline the feature pipeline as written (the text {@code auto} unless a list of steps is given); a private
 *     copy, parsed by the feature pipeline
 * @param model the model to train
 * @param baselines the baselines trained beside it: the task's trivial one first, then those the file lists
 * @param targets quality targets (gating registration) and serving targets (SLOs)
 * @param tuning the hyper-parameter search, if any
 * @param resources what a run may use
 * @param registry where a model meeting its targets is registered
 */
public record Project(
        String name,
        Task task,
        String target,
        Optional<String> positiveClass,
        FeatureSelection features,
        DataSpec data,
        SplitSpec split,
        JsonNode pipeline,
        ModelSpec model,
        List<Baseline> baselines,
        TargetsSpec targets,
        Optional<TuningSpec> tuning,
        ResourceLimits resources,
        RegistrySpec registry) {

    public Project {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(positiveClass, "positiveClass");
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(split, "split");
        pipeline = pipeline.deepCopy();
        Objects.requireNonNull(model, "model");
        baselines = List.copyOf(baselines);
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(tuning, "tuning");
        Objects.requireNonNull(resources, "resources");
        Objects.requireNonNull(registry, "registry");
        if (positiveClass.isPresent() && task != Task.BINARY) {
            throw new IllegalArgumentException("a positive class is for binary tasks only");
        }
    }

    /** The pipeline as written; a fresh copy on every call, since Jackson trees are mutable. */
    @Override
    public JsonNode pipeline() {
        return pipeline.deepCopy();
    }

    /**
     * The positive class of a binary task among its two {@code classes}, listed in the order the trainer sorts them:
     * the configured {@link #positiveClass} or else the second one — so {@code 1} over {@code 0} and {@code true} over
     * {@code false}, as scikit-learn does. An error naming the classes when the configured one is not among them.
     */
    public String positiveClassAmong(List<String> classes) {
        if (classes.size() != 2) {
            throw GyreException.invalid("a binary target needs exactly 2 classes, '" + target + "' has "
                    + classes.size() + ": " + String.join(", ", classes));
        }
        if (positiveClass.isEmpty()) {
            return classes.get(1);
        }
        if (!classes.contains(positiveClass.get())) {
            throw GyreException.invalid("positive_class '" + positiveClass.get() + "' is not a class of '" + target
                    + "' (its classes are " + String.join(", ", classes) + ")");
        }
        return positiveClass.get();
    }
}
