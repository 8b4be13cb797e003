package dev.gyre.train.evaluate;

import dev.gyre.model.Task;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How well a multiclass classifier decides (predicting the class of highest probability, the first on a tie) and how
 * well its probabilities fit, with scikit-learn's definitions: {@code log_loss} is the mean of {@code −ln p(true
 * class)} with the probability clipped to [1e-15, 1 − 1e-15] (rows are expected to sum to 1 and are not
 * renormalised); macro averages weigh every class equally, weighted averages by support; a ratio with a zero
 * denominator is 0. Every class in {@code classes} counts in the macro averages, present in the data or not.
 *
 * @param rows rows evaluated
 * @param classes class names, in index order
 * @param accuracy share of rows whose predicted class is the true one
 * @param logLoss mean negative log-likelihood of the true class
 * @param perClass one entry per class, in index order
 * @param confusion k×k counts, actual by predicted
 */
public record MulticlassMetrics(
        int rows,
        List<String> classes,
        double accuracy,
        double logLoss,
        double macroPrecision,
        double macroRecall,
        double macroF1,
        double weightedPrecision,
        double weightedRecall,
        double weightedF1,
        List<ClassMetrics> perClass,
        ConfusionMatrix confusion)
        implements TaskMetrics {

    public MulticlassMetrics {
        classes = List.copyOf(classes);
        perClass = List.copyOf(perClass);
    }

    /**
     * Metrics of {@code probabilities} ({@code [row][class]}, each row as long as {@code classes}) against {@code
     * labels} (class indexes); {@code IllegalArgumentException} on empty or mismatched input, fewer than two
     * classes, a label outside the classes or a probability outside [0, 1].
     */
    public static MulticlassMetrics of(int[] labels, double[][] probabilities, List<String> classes) {
        int n = labels.length;
        int k = classes.size();
        Checks.notEmpty(n);
        Checks.sameLength("probabilities", n, probabilities.length);
        if (k < 2) {
            throw new IllegalArgumentException("a multiclass evaluation needs at least two classes, got " + classes);
        }
        long[][] confusion = new long[k][k];
        double logLoss = 0;
        for (int i = 0; i < n; i++) {
            double[] row = probabilities[i];
            if (row.length != k) {
                throw new IllegalArgumentException(
                        "row " + i + " has " + row.length + " probabilities for " + k + " classes");
            }
            int label = labels[i];
            if (label < 0 || label >= k) {
                throw new IllegalArgumentException(
                        "row " + i + ": label " + label + " is not a class index in [0, " + (k - 1) + "]");
            }
            int predicted = 0;
            for (int c = 0; c < k; c++) {
                Checks.probability(i, row[c]);
                if (row[c] > row[predicted]) {
                    predicted = c;
                }
            }
            confusion[label][predicted]++;
            logLoss -= Math.log(Math.clamp(row[label], BinaryMetrics.EPSILON, 1 - BinaryMetrics.EPSILON));
        }
        List<ClassMetrics> perClass = new ArrayList<>(k);
        long correct = 0;
        double[] sums = new double[6];
        for (int c = 0; c < k; c++) {
            long support = 0;
            long predictedAs = 0;
            for (int other = 0; other < k; other++) {
                support += confusion[c][other];
                predictedAs += confusion[other][c];
            }
            correct += confusion[c][c];
            double precision = Checks.ratio(confusion[c][c], predictedAs);
            double recall = Checks.ratio(confusion[c][c], support);
            double f1 = Checks.f1(precision, recall);
            perClass.add(new ClassMetrics(classes.get(c), precision, recall, f1, support));
            sums[0] += precision;
            sums[1] += recall;
            sums[2] += f1;
            sums[3] += precision * support;
            sums[4] += recall * support;
            sums[5] += f1 * support;
        }
        return new MulticlassMetrics(
                n,
                classes,
                (double) correct / n,
                logLoss / n,
                sums[0] / k,
                sums[1] / k,
                sums[2] / k,
                sums[3] / n,
                sums[4] / n,
                sums[5] / n,
                perClass,
                ConfusionMatrix.of(classes, confusion));
    }

    @Override
    public Task task() {
        return Task.MULTICLASS;
    }

    @Override
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("accuracy", accuracy);
        map.put("log_loss", logLoss);
        map.put("macro_precision", macroPrecision);
        map.put("macro_recall", macroRecall);
        map.put("macro_f1", macroF1);
        map.put("weighted_precision", weightedPrecision);
        map.put("weighted_recall", weightedRecall);
        map.put("weighted_f1", weightedF1);
        return Collections.unmodifiableMap(map);
    }
}
