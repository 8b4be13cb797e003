package dev.gyre.train.trainer;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.features.FeatureMatrix;
import java.util.Objects;

/**
 * Everything a {@link Trainer} learns from, checked once here so every trainer sees the same valid input: features
 * and labels for training, optionally a validation set (metrics per iteration, early stopping) and sample weights.
 * Labels are {@code float}s as XGBoost takes them: class indexes {@code 0..classCount-1} for classification (1 is the
 * positive class for binary), the target value for regression. Arrays are owned by the record and not copied.
 *
 * @param task the kind of prediction
 * @param classCount number of classes: 2 for binary, at least 2 for multiclass, 0 for regression
 * @param train the training features, at least one row and one column
 * @param trainLabels one finite label per training row
 * @param trainWeights one finite, non-negative weight per training row, or {@code null} for equal weights
 * @param validation the validation features (same columns as {@code train}), or {@code null}
 * @param validationLabels one label per validation row, or {@code null} exactly when {@code validation} is
 */
public record TrainingData(
        Task task,
        int classCount,
        FeatureMatrix train,
        float[] trainLabels,
        float[] trainWeights,
        FeatureMatrix validation,
        float[] validationLabels) {

    public TrainingData {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(trainLabels, "trainLabels");
        if (train.rows() == 0) {
            throw GyreException.invalid("the training data is empty: a model needs at least one training row");
        }
        if (train.width() == 0) {
            throw GyreException.invalid("the training data has no feature columns");
        }
        checkClassCount(task, classCount);
        checkLabels("training", task, classCount, train, trainLabels);
        if (task.classification()) {
            checkAtLeastTwoClassesPresent(trainLabels);
        }
        if (trainWeights != null) {
            checkWeights(train.rows(), trainWeights);
        }
        if ((validation == null) != (validationLabels == null)) {
            throw GyreException.invalid("validation features and validation labels go together: give both or neither");
        }
        if (validation != null) {
            if (!validation.names().equals(train.names())) {
                throw GyreException.invalid("the validation features must be the training features: training has "
                        + train.width() + " columns " + abbreviate(train) + ", validation " + validation.width() + " "
                        + abbreviate(validation));
            }
            checkLabels("validation", task, classCount, validation, validationLabels);
        }
    }

    /** Training data without validation set or weights. */
    public static TrainingData of(Task task, int classCount, FeatureMatrix train, float[] trainLabels) {
        return new TrainingData(task, classCount, train, trainLabels, null, null, null);
    }

    /** This data with {@code validation} features and labels. */
    public TrainingData withValidation(FeatureMatrix features, float[] labels) {
        return new TrainingData(task, classCount, train, trainLabels, trainWeights, features, labels);
    }

    /** This data with one weight per training row. */
    public TrainingData withWeights(float[] weights) {
        return new TrainingData(task, classCount, train, trainLabels, weights, validation, validationLabels);
    }

    /** Whether a validation set is present. */
    public boolean hasValidation() {
        return validation != null;
    }

    private static void checkClassCount(Task task, int classCount) {
        switch (task) {
            case BINARY -> {
                if (classCount != 2) {
                    throw GyreException.invalid("a binary task has 2 classes, not " + classCount);
                }
            }
            case MULTICLASS -> {
                if (classCount < 2) {
                    throw GyreException.invalid("a multiclass task needs at least 2 classes, not " + classCount);
                }
            }
            case REGRESSION -> {
                if (classCount != 0) {
                    throw GyreException.invalid(
                            "a regression task has no classes; classCount must be 0, not " + classCount);
                }
            }
        }
    }

    private static void checkLabels(String set, Task task, int classCount, FeatureMatrix features, float[] labels) {
        if (labels.length != features.rows()) {
            throw GyreException.invalid(
                    "the " + set + " data has " + features.rows() + " rows but " + labels.length + " labels");
        }
        for (int row = 0; row < labels.length; row++) {
            float label = labels[row];
            if (!Float.isFinite(label)) {
                throw GyreException.invalid(
                        "the " + set + " label of row " + row + " is " + label + "; labels must be finite");
            }
            if (task.classification() && (label != Math.rint(label) || label < 0 || label >= classCount)) {
                throw GyreException.invalid("the " + set + " label of row " + row + " is " + label + "; " + task.label()
                        + " labels must be class indexes in [0, " + classCount + ")");
            }
        }
    }

    private static void checkAtLeastTwoClassesPresent(float[] labels) {
        for (float label : labels) {
            if (label != labels[0]) {
                return;
            }
        }
        throw GyreException.invalid("every training label is class " + (int) labels[0]
                + "; a classifier needs at least 2 classes in its training data");
    }

    private static void checkWeights(int rows, float[] weights) {
        if (weights.length != rows) {
            throw GyreException.invalid("the training data has " + rows + " rows but " + weights.length + " weights");
        }
        double sum = 0;
        for (int row = 0; row < weights.length; row++) {
            if (!(weights[row] >= 0) || !Float.isFinite(weights[row])) {
                throw GyreException.invalid("the weight of training row " + row + " is " + weights[row]
                        + "; weights must be finite and non-negative");
            }
            sum += weights[row];
        }
        if (sum <= 0) {
            throw GyreException.invalid("the training weights sum to 0; at least one row must count");
        }
    }

    private static String abbreviate(FeatureMatrix matrix) {
        return matrix.names().size() <= 5
                ? matrix.names().toString()
                : matrix.names().subList(0, 5) + "…";
    }
}
