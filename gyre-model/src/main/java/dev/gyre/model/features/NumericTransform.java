package dev.gyre.model.features;

import java.util.List;

/**
 * A fitted in-place rewrite of a numeric or boolean value: what {@code impute}, {@code standardize} and {@code
 * bucketize} learned. Pure functions of one value, so a one-row request and a million-row batch get the same
 * number.
 */
public sealed interface NumericTransform {

    /** The transformed {@code value}; {@code NaN} is a missing value. */
    double apply(double value);

    /** Replaces a missing value by {@code fill}, a training statistic or a constant. */
    record Imputation(double fill) implements NumericTransform {
        public Imputation {
            requireFinite(fill, "impute fill");
        }

        @Override
        public double apply(double value) {
            return Double.isNaN(value) ? fill : value;
        }
    }

    /**
     * {@code (value - mean) / scale}; {@code scale} is the training population standard deviation, or 1 when that
     * is 0 so a constant column becomes 0 instead of {@code NaN}.
     */
    record Standardization(double mean, double scale) implements NumericTransform {
        public Standardization {
            requireFinite(mean, "standardize mean");
            requireFinite(scale, "standardize scale");
            if (scale <= 0) {
                throw new IllegalArgumentException("standardize scale must be positive, not " + scale);
            }
        }

        @Override
        public double apply(double value) {
            return (value - mean) / scale;
        }
    }

    /**
     * The bucket number of a value: the count of {@code edges} at or below it, so 0..edges.size(); {@code NaN}
     * stays {@code NaN}.
     *
     * @param edges strictly increasing finite inner edges
     */
    record Bucketing(List<Double> edges) implements NumericTransform {
        public Bucketing {
            edges = List.copyOf(edges);
            for (int i = 0; i < edges.size(); i++) {
                requireFinite(edges.get(i), "bucket edge");
                if (i > 0 && edges.get(i) <= edges.get(i - 1)) {
                    throw new IllegalArgumentException("bucket edges must be strictly increasing: " + edges);
                }
            }
        }

        @Override
        public double apply(double value) {
            if (Double.isNaN(value)) {
                return value;
            }
            int low = 0;
            int high = edges.size();
            while (low < high) { // first edge above value
                int middle = (low + high) >>> 1;
                if (edges.get(middle) <= value) {
                    low = middle + 1;
                } else {
                    high = middle;
                }
            }
            return low;
        }
    }

    private static void requireFinite(double value, String what) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(what + " must be finite, not " + value);
        }
    }
}
