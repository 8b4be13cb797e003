package dev.gyre.model.features;

import java.util.List;
import java.util.Objects;

/**
 * The numeric matrix a fitted feature pipeline produces and a model runtime consumes: row-major {@code float}s, as
 * XGBoost's dense matrices take them, with {@code NaN} for a missing value (which XGBoost routes down its learned
 * default branch). The array is owned by the matrix and not copied; callers must not change it.
 *
 * @param values {@code rows × names.size()} values, row after row
 * @param rows number of rows
 * @param names the output feature names, one per column, e.g. {@code addr_state=CA} for a one-hot column
 */
public record FeatureMatrix(float[] values, int rows, List<String> names) {

    public FeatureMatrix {
        Objects.requireNonNull(values, "values");
        names = List.copyOf(names);
        if (rows < 0 || (long) rows * names.size() != values.length) {
            throw new IllegalArgumentException("a matrix of " + rows + " rows × " + names.size() + " features needs "
                    + ((long) rows * names.size()) + " values, not " + values.length);
        }
    }

    /** Number of feature columns. */
    public int width() {
        return names.size();
    }

    /** The value at ({@code row}, {@code column}). */
    public float get(int row, int column) {
        return values[row * names.size() + column];
    }
}
