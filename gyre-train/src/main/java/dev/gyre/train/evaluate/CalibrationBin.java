package dev.gyre.train.evaluate;

/**
 * One equal-width bin of predicted probabilities, [lower, upper) (the last bin includes 1): how often the positive
 * class really occurred among the rows the model gave a probability in this range. A calibrated model has {@code
 * observedRate ≈ meanPredicted} in every bin.
 *
 * @param lower the bin's lower edge
 * @param upper the bin's upper edge
 * @param count rows whose probability falls in the bin
 * @param meanPredicted mean predicted probability of those rows; {@code NaN} when the bin is empty
 * @param observedRate share of those rows that are positive; {@code NaN} when the bin is empty
 */
public record CalibrationBin(double lower, double upper, long count, double meanPredicted, double observedRate) {}
