package dev.gyre.train.evaluate;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Counts of rows by true class (rows) and predicted class (columns), the evidence behind accuracy, precision and
 * recall. Immutable.
 *
 * @param classes the class names, in index order; for a binary task {@code ["0", "1"]}
 * @param counts {@code counts.get(actual).get(predicted)}, a square matrix as wide as {@code classes}
 */
public record ConfusionMatrix(List<String> classes, List<List<Long>> counts) {

    public ConfusionMatrix {
        classes = List.copyOf(classes);
        counts = counts.stream().map(List::copyOf).toList();
        int k = classes.size();
        if (counts.size() != k || counts.stream().anyMatch(row -> row.size() != k)) {
            throw new IllegalArgumentException("a confusion matrix for " + k + " classes must be " + k + "×" + k);
        }
    }

    /** The matrix of {@code counts[actual][predicted]}. */
    static ConfusionMatrix of(List<String> classes, long[][] counts) {
        Objects.requireNonNull(counts, "counts");
        return new ConfusionMatrix(
                classes,
                Arrays.stream(counts)
                        .map(row -> Arrays.stream(row).boxed().toList())
                        .toList());
    }

    /** Rows of class {@code actual} predicted as {@code predicted}. */
    public long count(int actual, int predicted) {
        return counts.get(actual).get(predicted);
    }

    /** All rows counted. */
    public long total() {
        return counts.stream().flatMap(List::stream).mapToLong(Long::longValue).sum();
    }
}
