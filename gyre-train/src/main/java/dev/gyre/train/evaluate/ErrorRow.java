package dev.gyre.train.evaluate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One badly predicted row: enough to find it in the evaluation set and to see, in the user's terms, what the model
 * was given and what it said.
 *
 * @param row the row's index in the evaluation set
 * @param loss the row's loss (log loss for classification, absolute error for regression)
 * @param label the true value as text
 * @param prediction the prediction as text (class and probability, or the number)
 * @param values the raw input values, aligned with {@link WorstErrors#columns()}; {@code null} when missing
 */
public record ErrorRow(int row, double loss, String label, String prediction, List<String> values) {

    public ErrorRow {
        values = Collections.unmodifiableList(new ArrayList<>(values));
    }
}
