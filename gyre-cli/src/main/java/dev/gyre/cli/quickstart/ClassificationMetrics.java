package dev.gyre.cli.quickstart;

import java.util.Arrays;
import java.util.Comparator;

/** Binary-classification metrics over labels in {0, 1} and predicted probabilities of class 1. */
public final class ClassificationMetrics {

    /** Probabilities are clipped to [EPSILON, 1 - EPSILON] for the log-loss, as scikit-learn does. */
    static final double EPSILON = 1e-15;

    private ClassificationMetrics() {}

    /** Mean negative log-likelihood (binary cross-entropy). */
    public static double logLoss(int[] labels, double[] probabilities) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) {
            double p = Math.min(Math.max(probabilities[i], EPSILON), 1 - EPSILON);
            sum -= labels[i] == 1 ? Math.log(p) : Math.log(1 - p);
        }
        return sum / labels.length;
    }

    /** Share of examples whose probability falls on the right side of 0.5. */
    public static double accuracy(int[] labels, double[] probabilities) {
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            int predicted = probabilities[i] >= 0.5 ? 1 : 0;
            correct += predicted == labels[i] ? 1 : 0;
        }
        return (double) correct / labels.length;
    }

    /**
     * Area under the ROC curve: the probability that a random positive scores above a random negative, counting
     * ties as one half. Computed exactly from ranks (Mann–Whitney U), with tied scores sharing their average rank.
     */
    public static double rocAuc(int[] labels, double[] scores) {
        int n = labels.length;
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
                j++;
            }
            double averageRank = (i + j) / 2.0 + 1; // ranks are 1-based
            for (int k = i; k <= j; k++) {
                if (labels[order[k]] == 1) {
                    positiveRankSum += averageRank;
                    positives++;
                }
            }
            i = j + 1;
        }
        long negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return Double.NaN; // undefined with one class only
        }
        double u = positiveRankSum - positives * (positives + 1) / 2.0;
        return u / ((double) positives * negatives);
    }
}
