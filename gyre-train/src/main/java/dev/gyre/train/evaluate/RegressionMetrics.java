package dev.gyre.train.evaluate;

import dev.gyre.model.Task;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far a regressor's predictions are from the truth, with scikit-learn's definitions: {@code rmse}, {@code mse},
 * {@code mae}, {@code median_ae}, {@code max_error} and {@code r2} ({@code 1 − SS_res / SS_tot}; when the target is
 * constant, 1 for a perfect fit and 0 otherwise, scikit-learn's {@code force_finite}). Residuals are {@code y −
 * prediction}, so a positive residual is an under-prediction; their quantiles (numpy's linear interpolation) and
 * histogram show whether errors are symmetric or have a long tail that the averages hide.
 *
 * @param rows rows evaluated
 * @param residualQuantiles residual at each of {@link #QUANTILES}, keyed {@code p01}, {@code p05}, …, {@code p99}
 * @param residualHistogram residuals in 20 equal-width bins
 */
public record RegressionMetrics(
        int rows,
        double rmse,
        double mse,
        double mae,
        double medianAe,
        double maxError,
        double r2,
        Map<String, Double> residualQuantiles,
        Histogram residualHistogram)
        implements TaskMetrics {

    /** The residual quantiles reported. */
    public static final List<Double> QUANTILES = List.of(0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99);

    private static final int HISTOGRAM_BINS = 20;

    public RegressionMetrics {
        residualQuantiles = Collections.unmodifiableMap(new LinkedHashMap<>(residualQuantiles));
    }

    /**
     * Metrics of {@code predictions} against {@code y}; {@code IllegalArgumentException} on empty or mismatched
     * input or a value that is not finite.
     */
    public static RegressionMetrics of(double[] y, double[] predictions) {
        int n = y.length;
        Checks.notEmpty(n);
        Checks.sameLength("predictions", n, predictions.length);
        double[] residuals = new double[n];
        double[] absolute = new double[n];
        double sumSquares = 0;
        double sumAbsolute = 0;
        double maxError = 0;
        double meanY = 0;
        for (int i = 0; i < n; i++) {
            Checks.finite("target", i, y[i]);
            Checks.finite("prediction", i, predictions[i]);
            residuals[i] = y[i] - predictions[i];
            absolute[i] = Math.abs(residuals[i]);
            sumSquares += residuals[i] * residuals[i];
            sumAbsolute += absolute[i];
            maxError = Math.max(maxError, absolute[i]);
            meanY += y[i];
        }
        meanY /= n;
        double total = 0;
        for (double value : y) {
            total += (value - meanY) * (value - meanY);
        }
        double r2 = total == 0 ? (sumSquares == 0 ? 1 : 0) : 1 - sumSquares / total;
        Arrays.sort(absolute);
        double[] sortedResiduals = residuals.clone();
        Arrays.sort(sortedResiduals);
        Map<String, Double> quantiles = new LinkedHashMap<>();
        for (double q : QUANTILES) {
            quantiles.put(quantileKey(q), Quantiles.linear(sortedResiduals, q));
        }
        double mse = sumSquares / n;
        return new RegressionMetrics(
                n,
                Math.sqrt(mse),
                mse,
                sumAbsolute / n,
                Quantiles.linear(absolute, 0.5),
                maxError,
                r2,
                quantiles,
                Histogram.of(residuals, HISTOGRAM_BINS));
    }

    /** {@code p01} for 0.01, {@code p50} for 0.5. */
    static String quantileKey(double q) {
        return String.format(Locale.ROOT, "p%02d", Math.round(q * 100));
    }

    @Override
    public Task task() {
        return Task.REGRESSION;
    }

    @Override
    public Map<String, Double> asMap() {
        Map<String, Double> map = new LinkedHashMap<>();
        map.put("rmse", rmse);
        map.put("mse", mse);
        map.put("mae", mae);
        map.put("median_ae", medianAe);
        map.put("max_error", maxError);
        map.put("r2", r2);
        return Collections.unmodifiableMap(map);
    }
}
