package dev.gyre.train.evaluate;

/**
 * One competitor's value of one metric, read against the evaluated model's.
 *
 * @param name the competitor, e.g. {@code baseline:majority} or {@code champion:v3}
 * @param value its value; {@code NaN} when it did not report the metric
 * @param delta {@code model − value}, in the metric's units; {@code NaN} when either is missing
 * @param outcome whether the model is better, worse or the same on this metric
 */
public record ComparisonEntry(String name, double value, double delta, Outcome outcome) {

    /** The model's standing against one competitor on one metric, direction taken into account. */
    public enum Outcome {
        BETTER,
        WORSE,
        SAME,
        UNKNOWN;

        static Outcome of(MetricDirection direction, double model, double other) {
            if (Double.isNaN(model) || Double.isNaN(other)) {
                return UNKNOWN;
            }
            if (direction.better(model, other)) {
                return BETTER;
            }
            return direction.better(other, model) ? WORSE : SAME;
        }
    }
}
