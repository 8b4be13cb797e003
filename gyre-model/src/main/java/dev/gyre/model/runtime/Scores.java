package dev.gyre.model.runtime;

import dev.gyre.model.Task;
import java.util.Arrays;
import java.util.Objects;

/**
 * What a {@link Predictor} answers for a batch of rows, in one shape for every runtime so that evaluation and
 * serving never ask which library made the model. Row-major, {@code width} values per row:
 *
 * <ul>
 *   <li>{@link Task#BINARY}: width 1, the probability of the positive class (label 1);
 *   <li>{@link Task#MULTICLASS}: width k, the probability of each class 0..k-1, summing to 1 per row;
 *   <li>{@link Task#REGRESSION}: width 1, the predicted value.
 * </ul>
 *
 * The array is owned by the scores and not copied; callers must not change it.
 *
 * @param task the task the scores answer
 * @param rows number of rows
 * @param width values per row (see above)
 * @param values {@code rows × width} values, row after row
 */
public record Scores(Task task, int rows, int width, double[] values) {

    public Scores {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(values, "values");
        if (rows < 0 || width < 1 || (long) rows * width != values.length) {
            throw new IllegalArgumentException(
                    rows + " rows × " + width + " values per row do not fit " + values.length + " values");
        }
        if (task != Task.MULTICLASS && width != 1) {
            throw new IllegalArgumentException(task.label() + " scores have one value per row, not " + width);
        }
        if (task == Task.MULTICLASS && width < 2) {
            throw new IllegalArgumentException("multiclass scores need at least 2 classes, not " + width);
        }
    }

    /** The single value of {@code row}: P(positive) for binary, the prediction for regression. */
    public double value(int row) {
        if (width != 1) {
            throw new IllegalStateException(
                    "multiclass scores have " + width + " values per row; use classProbabilities");
        }
        return values[row];
    }

    /** P(positive class) of {@code row}; binary scores only. */
    public double probability(int row) {
        requireTask(Task.BINARY, "probability");
        return values[row];
    }

    /** The probability of every class for {@code row} (a copy): [P(0), P(1)] for binary, width values for multiclass. */
    public double[] classProbabilities(int row) {
        if (!task.classification()) {
            throw new IllegalStateException("regression scores have no class probabilities");
        }
        if (task == Task.BINARY) {
            return new double[] {1 - values[row], values[row]};
        }
        return Arrays.copyOfRange(values, row * width, (row + 1) * width);
    }

    /**
     * The most probable class of {@code row}; the lowest class on ties. For binary that is 1 when P(1) &gt; 0.5, the
     * default decision threshold; choosing a different threshold is the caller's business.
     */
    public int predictedClass(int row) {
        if (task == Task.BINARY) {
            return values[row] > 0.5 ? 1 : 0;
        }
        if (task != Task.MULTICLASS) {
            throw new IllegalStateException("regression scores have no predicted class");
        }
        int offset = row * width;
        int best = 0;
        for (int k = 1; k < width; k++) {
            if (values[offset + k] > values[offset + best]) {
                best = k;
            }
        }
        return best;
    }

    private void requireTask(Task expected, String what) {
        if (task != expected) {
            throw new IllegalStateException(
                    what + " is defined for " + expected.label() + " scores, not " + task.label());
        }
    }

    /** Equal when task, shape and every value are equal (values compared as by {@link Arrays#equals(double[], double[])}). */
    @Override
    public boolean equals(Object other) {
        return other instanceof Scores that
                && task == that.task
                && rows == that.rows
                && width == that.width
                && Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(task, rows, width, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "Scores[" + task.label() + ", " + rows + " rows × " + width + "]";
    }
}
