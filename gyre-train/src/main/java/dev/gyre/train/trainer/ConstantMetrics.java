package dev.gyre.train.trainer;

import dev.gyre.model.Task;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * XGBoost's default evaluation metrics for a model that answers the same {@code constant} for every row, so the
 * baseline reports figures comparable with the boosted models'. Probabilities are clipped to [1e-15, 1 − 1e-15]
 * before the logarithm, as scikit-learn does, so a class unseen in training gives a large, finite loss.
 */
final class ConstantMetrics {

    private static final double EPSILON = 1e-15;

    private ConstantMetrics() {}

    /** The metrics of {@code constant} (class shares or the one-element mean) against {@code labels}. */
    static Map<String, Double> of(Task task, double[] constant, float[] labels, float[] weights) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        switch (task) {
            case BINARY -> {
                metrics.put("logloss", logLoss(constant, labels, weights));
                metrics.put("auc", bothClassesPresent(labels) ? 0.5 : Double.NaN);
            }
            case MULTICLASS -> metrics.put("mlogloss", logLoss(constant, labels, weights));
            case REGRESSION -> metrics.put("rmse", rmse(constant[0], labels, weights));
        }
        return metrics;
    }

    private static double logLoss(double[] shares, float[] labels, float[] weights) {
        double sum = 0;
        double total = 0;
        for (int row = 0; row < labels.length; row++) {
            double weight = weights == null ? 1 : weights[row];
            double p = Math.min(Math.max(shares[(int) labels[row]], EPSILON), 1 - EPSILON);
            sum -= weight * Math.log(p);
            total += weight;
        }
        return sum / total;
    }

    private static double rmse(double mean, float[] labels, float[] weights) {
        double sum = 0;
        double total = 0;
        for (int row = 0; row < labels.length; row++) {
            double weight = weights == null ? 1 : weights[row];
            double error = labels[row] - mean;
            sum += weight * error * error;
            total += weight;
        }
        return Math.sqrt(sum / total);
    }

    private static boolean bothClassesPresent(float[] labels) {
        boolean zero = false;
        boolean one = false;
        for (float label : labels) {
            zero |= label == 0;
            one |= label == 1;
        }
        return zero && one;
    }
}
