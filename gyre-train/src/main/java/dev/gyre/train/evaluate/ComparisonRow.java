package dev.gyre.train.evaluate;

import java.util.List;

/**
 * One metric of a {@link Comparison}: the model's value and each competitor's.
 *
 * @param metric the metric name
 * @param direction whether higher or lower is better for it
 * @param model the evaluated model's value; {@code NaN} when it did not report the metric
 * @param others one entry per competitor, in the comparison's order
 */
public record ComparisonRow(String metric, MetricDirection direction, double model, List<ComparisonEntry> others) {

    public ComparisonRow {
        others = List.copyOf(others);
    }
}
