package dev.gyre.train.split;

import java.util.Arrays;
import java.util.Objects;

/**
 * The rows of a frame divided into train, validation and test, as row indexes. Every row is in exactly one part and
 * each part lists its rows in ascending order, so selecting a part keeps the data's row order. The arrays are owned
 * by the split: callers must not change them (they are not copied, because a split of millions of rows is passed
 * around often). {@link #test} is empty when the project has a separate test set.
 */
public record Split(int[] train, int[] validation, int[] test) {

    public Split {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(validation, "validation");
        Objects.requireNonNull(test, "test");
    }

    /** Rows in all parts together. */
    public int rows() {
        return train.length + validation.length + test.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Split split
                && Arrays.equals(train, split.train)
                && Arrays.equals(validation, split.validation)
                && Arrays.equals(test, split.test);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(train), Arrays.hashCode(validation), Arrays.hashCode(test));
    }

    @Override
    public String toString() {
        return "Split[train " + train.length + ", validation " + validation.length + ", test " + test.length + " rows]";
    }
}
