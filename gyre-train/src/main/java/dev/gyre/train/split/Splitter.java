package dev.gyre.train.split;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.train.project.SplitSpec;

/**
 * Divides a frame's rows as a {@link SplitSpec} says.
 *
 * <p><b>Random</b>: each part gets {@code round(rows × share)} rows (train the rest), drawn by a Fisher–Yates shuffle
 * with {@link java.util.Random} seeded by the spec's seed — {@code Random}'s algorithm is fixed by its Javadoc, so a
 * seed gives the same split on every JVM and every run. When stratified (classification only) the rows of each class
 * — missing labels forming a class of their own — are shuffled separately, in order of the class's first row, and
 * the part sizes are shared out among classes by largest remainder, so every part keeps each class's share as
 * closely as whole rows allow while the part sizes stay those of an unstratified split.
 *
 * <p><b>Time</b>: rows are ordered by the time column, ties by row index; the oldest go to train, then validation,
 * the newest to test. Rows whose time is missing go to train: their place in time is unknown, and evaluating on them
 * would no longer measure the future. Part sizes are computed over all rows; validation and test need enough rows
 * with a known time.
 *
 * <p>A part whose share is above 0 but that would get no row is an error, as is an empty train part. Stateless.
 */
public final class Splitter {

    private Splitter() {}

    /** The split of {@code frame}'s rows; {@code target} is the label column (used to stratify). */
    public static Split split(SplitSpec spec, Frame frame, Task task, String target) {
        int rows = frame.rows();
        if (rows == 0) {
            throw GyreException.invalid("cannot split data without rows");
        }
        int test = (int) Math.round(rows * spec.test());
        int validation = (int) Math.round(rows * spec.validation());
        requireRows("validation", validation, spec.validation(), rows);
        requireRows("test", test, spec.test(), rows);
        if (rows - validation - test < 1) {
            throw GyreException.invalid("split: " + rows + " rows leave none to train on after " + validation
                    + " validation and " + test + " test rows; use more data or smaller shares");
        }
        return switch (spec.method()) {
            case RANDOM -> {
                int[] strata =
                        spec.stratify() && task.classification() ? Strata.of(frame.column(target)) : new int[rows];
                yield RandomSplit.split(strata, validation, test, spec.seed());
            }
            case TIME -> TimeSplit.split(timeColumn(frame, spec.timeColumn().orElseThrow()), validation, test);
        };
    }

    private static void requireRows(String part, int count, double share, int rows) {
        if (share > 0 && count == 0) {
            throw GyreException.invalid("split: the " + part + " part would be empty: " + rows + " rows × " + share
                    + " rounds to 0 rows; use more data or a larger split." + part);
        }
    }

    private static NumericColumn timeColumn(Frame frame, String name) {
        Column column = frame.find(name)
                .orElseThrow(() -> GyreException.invalid("split.time_column: no column '" + name + "' in the data"));
        if (!(column instanceof NumericColumn numeric) || !(column.kind().numeric())) {
            throw GyreException.invalid("split.time_column: '" + name + "' is "
                    + column.kind().label() + "; a time split needs a timestamp or number column");
        }
        return numeric;
    }
}
