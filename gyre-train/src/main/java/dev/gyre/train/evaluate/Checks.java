package dev.gyre.train.evaluate;

/** Argument checks shared by the metric factories, so every one refuses bad input with the same words. */
final class Checks {

    private Checks() {}

    static void sameLength(String what, int expected, int actual) {
        if (expected != actual) {
            throw new IllegalArgumentException(what + " has " + actual + " values for " + expected + " rows");
        }
    }

    static void notEmpty(int rows) {
        if (rows == 0) {
            throw new IllegalArgumentException("cannot evaluate zero rows: the evaluation set is empty");
        }
    }

    static void probability(int row, double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("row " + row + ": probability " + p + " is not in [0, 1]");
        }
    }

    static void finite(String what, int row, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("row " + row + ": " + what + " " + value + " is not a finite number");
        }
    }

    /** {@code numerator / denominator}, or 0 when the denominator is 0 (scikit-learn's {@code zero_division=0}). */
    static double ratio(double numerator, double denominator) {
        return denominator == 0 ? 0 : numerator / denominator;
    }

    /** The harmonic mean of precision and recall; 0 when both are 0. */
    static double f1(double precision, double recall) {
        return precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
    }
}
