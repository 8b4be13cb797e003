package dev.gyre.train.split;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.NumericColumn;
import java.util.Arrays;

/**
 * The split by time; see {@link Splitter} for the contract. Rather than sorting row indexes by time (boxed, slow on
 * millions of rows), it sorts the times alone, finds the time at each boundary and how many rows of that time fall
 * before it, and assigns every row in one pass in row order — which is exactly the order "by time, ties by row
 * index".
 */
final class TimeSplit {

    private TimeSplit() {}

    static Split split(NumericColumn time, int validation, int test) {
        int rows = time.size();
        double[] known =
                Arrays.stream(time.values()).filter(v -> !Double.isNaN(v)).toArray();
        Arrays.sort(known);
        if (validation + test > known.length) {
            throw GyreException.invalid("split: only " + known.length + " of " + rows + " rows have a time in '"
                    + time.name() + "', fewer than the " + (validation + test)
                    + " validation and test rows; rows without a time can only train");
        }
        Boundary validationStart = new Boundary(known, known.length - validation - test);
        Boundary testStart = new Boundary(known, known.length - test);
        int[] trainRows = new int[rows - validation - test];
        int[] validationRows = new int[validation];
        int[] testRows = new int[test];
        int r = 0;
        int v = 0;
        int t = 0;
        for (int row = 0; row < rows; row++) {
            double value = time.get(row);
            if (Double.isNaN(value)) {
                trainRows[r++] = row;
                continue;
            }
            boolean afterValidationStart = validationStart.atOrAfter(value);
            boolean afterTestStart = testStart.atOrAfter(value);
            if (afterTestStart) {
                testRows[t++] = row;
            } else if (afterValidationStart) {
                validationRows[v++] = row;
            } else {
                trainRows[r++] = row;
            }
        }
        return new Split(trainRows, validationRows, testRows);
    }

    /**
     * A position in the time order: rows ranked at or after it. Fed every known time once in row order, it tells
     * whether that row ranks at or after the position. Not thread-safe (it counts the tied rows it has seen).
     */
    private static final class Boundary {
        private final double time;
        private final int tiedBefore;
        private final boolean none;
        private int tiedSeen;

        Boundary(double[] sorted, int position) {
            this.none = position >= sorted.length;
            this.time = none ? Double.NaN : sorted[position];
            int first = none ? position : firstIndexOf(sorted, time);
            this.tiedBefore = position - first;
        }

        boolean atOrAfter(double value) {
            if (none) {
                return false;
            }
            int compared = Double.compare(value, time);
            if (compared != 0) {
                return compared > 0;
            }
            return tiedSeen++ >= tiedBefore;
        }

        private static int firstIndexOf(double[] sorted, double value) {
            int low = 0;
            int high = sorted.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (Double.compare(sorted[mid], value) < 0) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low;
        }
    }
}
