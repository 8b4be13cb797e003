package dev.gyre.train.evaluate;

/**
 * One point of a ROC curve (x = false-positive rate, y = true-positive rate) or a precision–recall curve (x =
 * recall, y = precision), reached by predicting positive when the probability is at least {@code threshold}.
 *
 * @param x the horizontal coordinate, in [0, 1]
 * @param y the vertical coordinate, in [0, 1]
 * @param threshold the probability threshold; {@code +Infinity} for the "predict nothing positive" end
 */
public record CurvePoint(double x, double y, double threshold) {}
