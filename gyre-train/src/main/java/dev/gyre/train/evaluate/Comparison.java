package dev.gyre.train.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The evaluated model's metrics side by side with those of the baselines and the current champion, so a model that
 * barely beats "predict the majority class", or loses to the model already serving, is visible at once. Deltas are
 * {@code model − competitor}; each entry's {@link ComparisonEntry.Outcome} already accounts for the metric's {@link
 * MetricDirection}.
 *
 * @param model the evaluated model's name, e.g. {@code model}
 * @param competitors the competitors' names, in the order given
 * @param rows one row per metric, in order of first appearance (the model's metrics first)
 */
public record Comparison(String model, List<String> competitors, List<ComparisonRow> rows) {

    public Comparison {
        Objects.requireNonNull(model, "model");
        competitors = List.copyOf(competitors);
        rows = List.copyOf(rows);
    }

    /**
     * Compares {@code modelMetrics} (named {@code model}) with each of {@code competitors}, named by key in iteration
     * order (use a {@link LinkedHashMap}), e.g. {@code "baseline:majority"}, {@code "baseline:linear"}, {@code
     * "champion:v3"}. A metric missing on one side reads as {@code NaN} with outcome {@code UNKNOWN}.
     */
    public static Comparison of(
            String model, Map<String, Double> modelMetrics, Map<String, Map<String, Double>> competitors) {
        Set<String> metrics = new LinkedHashSet<>(modelMetrics.keySet());
        competitors.values().forEach(m -> metrics.addAll(m.keySet()));
        List<ComparisonRow> rows = new ArrayList<>(metrics.size());
        for (String metric : metrics) {
            MetricDirection direction = MetricDirection.of(metric);
            double value = valueOf(modelMetrics, metric);
            List<ComparisonEntry> entries = new ArrayList<>(competitors.size());
            competitors.forEach((name, theirs) -> {
                double other = valueOf(theirs, metric);
                entries.add(new ComparisonEntry(
                        name, other, value - other, ComparisonEntry.Outcome.of(direction, value, other)));
            });
            rows.add(new ComparisonRow(metric, direction, value, entries));
        }
        return new Comparison(model, List.copyOf(competitors.keySet()), rows);
    }

    /** A comparison with no competitor: the model's metrics alone. */
    public static Comparison alone(String model, Map<String, Double> modelMetrics) {
        return of(model, modelMetrics, new LinkedHashMap<>());
    }

    /** The row of {@code metric}, if compared. */
    public Optional<ComparisonRow> row(String metric) {
        return rows.stream().filter(r -> r.metric().equals(metric)).findFirst();
    }

    private static double valueOf(Map<String, Double> metrics, String metric) {
        Double value = metrics.get(metric);
        return value == null ? Double.NaN : value;
    }
}
