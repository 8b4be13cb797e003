package dev.gyre.train.run;

import dev.gyre.model.Task;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.runtime.Scores;
import dev.gyre.train.evaluate.BinaryMetrics;
import dev.gyre.train.evaluate.MulticlassMetrics;
import dev.gyre.train.evaluate.RegressionMetrics;
import dev.gyre.train.evaluate.SliceAnalysis;
import dev.gyre.train.evaluate.SliceSettings;
import dev.gyre.train.evaluate.TaskMetrics;
import dev.gyre.train.evaluate.WorstErrors;

/**
 * One model's scores on one labelled set, with what evaluation derives from them: the task's metrics, the slices of
 * the raw inputs and the worst rows. The same code scores the candidate, the baselines and the champion, so their
 * numbers compare like for like.
 *
 * @param task the task
 * @param scores the model's scores, one row per labelled row
 * @param labels class indexes (classification) or the target values (regression), as doubles
 * @param encoding the classes
 * @param threshold the binary decision threshold
 */
record ScoredRows(Task task, Scores scores, double[] labels, LabelEncoding encoding, double threshold) {

    static ScoredRows of(Scores scores, Column target, LabelEncoding encoding, double threshold) {
        double[] labels = new double[target.size()];
        if (encoding.task().classification()) {
            float[] encoded = encoding.encode(target);
            for (int i = 0; i < labels.length; i++) {
                labels[i] = encoded[i];
            }
        } else {
            NumericColumn values = (NumericColumn) target;
            for (int i = 0; i < labels.length; i++) {
                labels[i] = values.get(i);
            }
        }
        return new ScoredRows(encoding.task(), scores, labels, encoding, threshold);
    }

    TaskMetrics metrics() {
        return switch (task) {
            case BINARY ->
                BinaryMetrics.of(classes(), scores.values(), threshold).withClassNames(encoding.classes());
            case MULTICLASS -> MulticlassMetrics.of(classes(), probabilities(), encoding.classes());
            case REGRESSION -> RegressionMetrics.of(labels, scores.values());
        };
    }

    /** Slices of the raw inputs {@code frame} (the same rows, in the same order). */
    SliceAnalysis slices(Frame frame) {
        if (task == Task.REGRESSION) {
            double[] errors = new double[labels.length];
            for (int i = 0; i < errors.length; i++) {
                errors[i] = Math.abs(labels[i] - scores.value(i));
            }
            return SliceAnalysis.ofRegression(frame, errors, SliceSettings.DEFAULTS);
        }
        int[] classes = classes();
        int[] correct = new int[classes.length];
        double[] losses = new double[classes.length];
        for (int i = 0; i < classes.length; i++) {
            int predicted =
                    task == Task.BINARY ? (scores.probability(i) >= threshold ? 1 : 0) : scores.predictedClass(i);
            correct[i] = predicted == classes[i] ? 1 : 0;
            double p = task == Task.BINARY ? scores.probability(i) : scores.classProbabilities(i)[classes[i]];
            losses[i] = task == Task.BINARY
                    ? BinaryMetrics.rowLogLoss(classes[i], p)
                    : -Math.log(Math.max(p, BinaryMetrics.EPSILON));
        }
        return SliceAnalysis.ofClassification(frame, correct, losses, SliceSettings.DEFAULTS);
    }

    WorstErrors worstErrors(Frame frame, int limit) {
        return switch (task) {
            case BINARY -> WorstErrors.ofBinary(frame, classes(), scores.values(), encoding.classes(), limit);
            case MULTICLASS -> WorstErrors.ofMulticlass(frame, classes(), probabilities(), encoding.classes(), limit);
            case REGRESSION -> WorstErrors.ofRegression(frame, labels, scores.values(), limit);
        };
    }

    private int[] classes() {
        int[] classes = new int[labels.length];
        for (int i = 0; i < classes.length; i++) {
            classes[i] = (int) labels[i];
        }
        return classes;
    }

    private double[][] probabilities() {
        double[][] probabilities = new double[scores.rows()][];
        for (int i = 0; i < probabilities.length; i++) {
            probabilities[i] = scores.classProbabilities(i);
        }
        return probabilities;
    }
}
