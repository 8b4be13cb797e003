package dev.gyre.train.run;

import dev.gyre.model.runtime.Scores;
import java.util.Arrays;

/**
 * The decision threshold of a binary model, chosen on the validation rows as the probability that maximises F1 —
 * so precision, recall and F1 on the test rows are measured at a threshold the model could actually ship with, and
 * a rare positive class (5% of the Lending Club loans are bad) is not reported as never predicted just because no
 * probability reaches 0.5. The test rows never influence it. It is kept in the model package and serving uses it.
 */
final class DecisionThreshold {

    /** Used when the validation rows cannot choose (no positive row). */
    static final double DEFAULT = 0.5;

    /** The threshold stays strictly inside (0, 1), as the package requires. */
    private static final double MARGIN = 1e-9;

    private DecisionThreshold() {}

    /** The F1-maximising threshold for {@code scores} (P(positive)) against {@code labels} (0/1). */
    static double chooseByF1(Scores scores, float[] labels) {
        int rows = scores.rows();
        long positives = 0;
        for (float label : labels) {
            positives += label == 1 ? 1 : 0;
        }
        if (rows == 0 || positives == 0) {
            return DEFAULT;
        }
        Integer[] order = new Integer[rows];
        for (int i = 0; i < rows; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores.probability(b), scores.probability(a)));
        long truePositives = 0;
        long predicted = 0;
        double bestF1 = -1;
        double best = DEFAULT;
        for (int k = 0; k < rows; k++) {
            int row = order[k];
            predicted++;
            truePositives += labels[row] == 1 ? 1 : 0;
            double threshold = scores.probability(row);
            boolean lastOfTies = k == rows - 1 || scores.probability(order[k + 1]) < threshold;
            if (!lastOfTies) {
                continue;
            }
            double f1 = 2.0 * truePositives / (predicted + positives);
            if (f1 > bestF1) {
                bestF1 = f1;
                best = threshold;
            }
        }
        return Math.min(1 - MARGIN, Math.max(MARGIN, best));
    }
}
