package dev.gyre.model.pack;

import dev.gyre.model.runtime.Scores;
import java.util.Objects;

/**
 * A packaged model's answer for a batch of rows: the raw {@link Scores} and, for classification, each row's label
 * in the data's own terms ({@code "bad"}, not {@code 1}), decided with the package's threshold.
 *
 * @param scores the runtime's scores
 * @param labels one class label per row, or {@code null} for regression; owned by this record, not copied
 */
public record Predictions(Scores scores, String[] labels) {

    public Predictions {
        Objects.requireNonNull(scores, "scores");
        if (labels != null && labels.length != scores.rows()) {
            throw new IllegalArgumentException(labels.length + " labels for " + scores.rows() + " rows");
        }
    }

    public int rows() {
        return scores.rows();
    }
}
