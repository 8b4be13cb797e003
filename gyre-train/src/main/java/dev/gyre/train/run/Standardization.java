package dev.gyre.train.run;

import dev.gyre.model.features.FeatureMatrix;

/**
 * Z-scores of a feature matrix, fitted on the training rows, for the linear baseline only: XGBoost's linear booster
 * is fitted by coordinate descent with L2 regularisation, which needs features on one scale, and it reads a missing
 * value as 0 — after standardising, the training mean. The main model's matrix is left as the pipeline made it.
 */
final class Standardization {

    private final double[] means;
    private final double[] scales;

    private Standardization(double[] means, double[] scales) {
        this.means = means;
        this.scales = scales;
    }

    static Standardization fit(FeatureMatrix training) {
        int width = training.width();
        double[] sums = new double[width];
        double[] squares = new double[width];
        long[] counts = new long[width];
        for (int row = 0; row < training.rows(); row++) {
            for (int column = 0; column < width; column++) {
                double value = training.get(row, column);
                if (!Double.isNaN(value)) {
                    sums[column] += value;
                    squares[column] += value * value;
                    counts[column]++;
                }
            }
        }
        double[] means = new double[width];
        double[] scales = new double[width];
        for (int column = 0; column < width; column++) {
            means[column] = counts[column] == 0 ? 0 : sums[column] / counts[column];
            double variance =
                    counts[column] == 0 ? 0 : squares[column] / counts[column] - means[column] * means[column];
            scales[column] = variance > 1e-24 ? Math.sqrt(variance) : 1;
        }
        return new Standardization(means, scales);
    }

    FeatureMatrix apply(FeatureMatrix matrix) {
        int width = matrix.width();
        float[] values = new float[matrix.values().length];
        for (int row = 0; row < matrix.rows(); row++) {
            for (int column = 0; column < width; column++) {
                double value = matrix.get(row, column);
                values[row * width + column] =
                        Double.isNaN(value) ? 0f : (float) ((value - means[column]) / scales[column]);
            }
        }
        return new FeatureMatrix(values, matrix.rows(), matrix.names());
    }
}
