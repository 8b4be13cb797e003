package dev.gyre.train.evaluate;

/**
 * The rows of an evaluation set sharing one value of one raw input column (or one quantile bin of it), and how the
 * model does on them. A slice far worse than overall is where a model fails a group of users while the averages
 * look fine.
 *
 * @param column the input column
 * @param value the category, {@code "(other)"}, {@code "(missing)"} or a bin such as {@code "(41, 57]"}
 * @param size rows in the slice
 * @param metric the slice's error rate (classification) or mean absolute error (regression)
 * @param ciLow lower end of the 95% confidence interval of {@code metric}; {@code NaN} below 2 rows (regression)
 * @param ciHigh upper end of that interval
 * @param gap {@code metric − overall}: positive means worse than overall, for both kinds of metric
 * @param meanLoss mean per-row loss (log loss for classification, absolute error for regression)
 * @param significant whether the confidence interval excludes the overall value
 */
public record Slice(
        String column,
        String value,
        long size,
        double metric,
        double ciLow,
        double ciHigh,
        double gap,
        double meanLoss,
        boolean significant) {}
