package dev.gyre.train.run;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.Task;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Turns the target column into the numbers a trainer takes, and back into the data's own labels. Classes are the
 * distinct values in sorted order (numbers as their plain decimal text, {@code 1} not {@code 1.0}); for a binary
 * task the positive class — the project's {@code positive_class}, else the second in that order — is index 1, as
 * scikit-learn's label encoder would have it. Rows whose target is missing cannot be learned from and are left out;
 * the count is reported.
 *
 * @param task the task
 * @param classes class labels in score order (empty for regression)
 */
record LabelEncoding(Task task, List<String> classes) {

    LabelEncoding {
        classes = List.copyOf(classes);
    }

    /**
     * The encoding of {@code target} (all rows of the training data) for {@code task}; {@code positiveAmong} picks a
     * binary task's positive class among the two sorted classes ({@link
     * dev.gyre.train.project.Project#positiveClassAmong}, the project's rule).
     */
    static LabelEncoding fit(Task task, Column target, Function<List<String>, String> positiveAmong) {
        if (!task.classification()) {
            if (!(target instanceof NumericColumn)) {
                throw GyreException.invalid("target '" + target.name() + "' holds text; a regression needs numbers");
            }
            return new LabelEncoding(task, List.of());
        }
        TreeSet<String> distinct = new TreeSet<>();
        for (int row = 0; row < target.size(); row++) {
            labelOf(target, row).ifPresent(distinct::add);
        }
        List<String> classes = new ArrayList<>(distinct);
        if (classes.size() < 2) {
            throw GyreException.invalid("target '" + target.name() + "' has " + classes.size() + " class(es) " + classes
                    + "; a classifier needs at least 2");
        }
        if (task == Task.BINARY) {
            if (classes.size() > 2) {
                throw GyreException.invalid("target '" + target.name() + "' has " + classes.size() + " classes "
                        + preview(classes) + "; use task: multiclass, or a binary target");
            }
            String positive = positiveAmong.apply(classes);
            classes = List.of(classes.get(classes.get(0).equals(positive) ? 1 : 0), positive);
        }
        return new LabelEncoding(task, classes);
    }

    /** The label of {@code row} as text, empty when missing. */
    static Optional<String> labelOf(Column target, int row) {
        if (target.isMissing(row)) {
            return Optional.empty();
        }
        return switch (target) {
            case TextColumn text -> Optional.of(text.get(row));
            case NumericColumn number -> Optional.of(plain(number.get(row)));
        };
    }

    private static String plain(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15
                ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    private static String preview(List<String> classes) {
        return classes.size() <= 10 ? classes.toString() : classes.subList(0, 10) + "…";
    }

    /** The rows of {@code target} that have a value. */
    static int[] presentRows(Column target) {
        int count = 0;
        for (int row = 0; row < target.size(); row++) {
            if (!target.isMissing(row)) {
                count++;
            }
        }
        int[] rows = new int[count];
        int next = 0;
        for (int row = 0; row < target.size(); row++) {
            if (!target.isMissing(row)) {
                rows[next++] = row;
            }
        }
        return rows;
    }

    /**
     * The labels of {@code target} as a trainer takes them: class indexes, or the values for regression. Every row
     * must have a value; a class unseen in training is a {@code GyreException} naming it.
     */
    float[] encode(Column target) {
        float[] labels = new float[target.size()];
        for (int row = 0; row < labels.length; row++) {
            if (!task.classification()) {
                labels[row] = (float) ((NumericColumn) target).get(row);
                continue;
            }
            String label = labelOf(target, row).orElseThrow();
            int index = classes.indexOf(label);
            if (index < 0) {
                throw GyreException.invalid("target '" + target.name() + "' has the class '" + label
                        + "', which the training data does not have (classes: " + classes + ")");
            }
            labels[row] = index;
        }
        return labels;
    }
}
