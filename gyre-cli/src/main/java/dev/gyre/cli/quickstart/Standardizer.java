package dev.gyre.cli.quickstart;

/**
 * Scales each feature to mean 0 and standard deviation 1, with statistics from the training rows only (so the
 * validation rows do not leak into training). Features are on very different scales in this dataset (areas in
 * the thousands, smoothness around 0.1); without this, one learning rate cannot suit them all.
 *
 * @param means per-feature training mean
 * @param deviations per-feature training standard deviation (1 where a feature is constant)
 */
public record Standardizer(double[] means, double[] deviations) {

    /** Learns means and deviations from the given rows. */
    public static Standardizer fit(LabeledData data, int[] rows) {
        int columns = data.columns();
        double[] means = new double[columns];
        double[] deviations = new double[columns];
        for (int row : rows) {
            double[] x = data.row(row);
            for (int j = 0; j < columns; j++) {
                means[j] += x[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            means[j] /= rows.length;
        }
        for (int row : rows) {
            double[] x = data.row(row);
            for (int j = 0; j < columns; j++) {
                double d = x[j] - means[j];
                deviations[j] += d * d;
            }
        }
        for (int j = 0; j < columns; j++) {
            double deviation = Math.sqrt(deviations[j] / rows.length);
            deviations[j] = deviation > 0 ? deviation : 1.0;
        }
        return new Standardizer(means, deviations);
    }

    /** The given rows, standardised, as a new matrix. */
    public double[][] transform(LabeledData data, int[] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            double[] x = data.row(rows[i]);
            double[] z = new double[x.length];
            for (int j = 0; j < x.length; j++) {
                z[j] = (x[j] - means[j]) / deviations[j];
            }
            out[i] = z;
        }
        return out;
    }

    /** The labels of the given rows. */
    public static int[] labels(LabeledData data, int[] rows) {
        int[] y = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            y[i] = data.label(rows[i]);
        }
        return y;
    }
}
