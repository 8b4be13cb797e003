package dev.gyre.model.features;

import dev.gyre.core.error.GyreException;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Fits a {@link PipelineSpec} on training data. Fitting reads the training frame only (never validation or test
 * data, whose statistics would otherwise leak into the model) and is deterministic: the same spec and data give an
 * {@code equals} {@link FittedPipeline}.
 */
public final class FeaturePipeline {

    private FeaturePipeline() {}

    /**
     * Fits {@code spec} on {@code training}, whose every column is an input unless a {@code drop} step names it
     * (leave the target out of the frame, or drop it). {@code GyreException.invalid} naming the step when a step
     * names a column the frame lacks or of a kind it cannot take, or when a statistic has no values to learn from.
     */
    public static FittedPipeline fit(PipelineSpec spec, Frame training) {
        Map<String, List<NumberedStep>> stepsByColumn = stepsByColumn(spec, training);
        List<FittedColumn> fitted = new ArrayList<>();
        for (Column column : training.columns()) {
            List<NumberedStep> steps = stepsByColumn.getOrDefault(column.name(), List.of());
            if (steps.stream().anyMatch(numbered -> numbered.step() instanceof PipelineStep.Drop)) {
                continue;
            }
            fitted.add(fitColumn(column, steps, training.rows()));
        }
        try {
            return new FittedPipeline(fitted);
        } catch (IllegalArgumentException e) {
            throw GyreException.invalid("pipeline: " + e.getMessage());
        }
    }

    /** A step with its 1-based position in the spec, for messages. */
    private record NumberedStep(int number, PipelineStep step) {
        String where() {
            return "pipeline step " + number + " (" + step.transform() + ")";
        }
    }

    private static Map<String, List<NumberedStep>> stepsByColumn(PipelineSpec spec, Frame training) {
        Map<String, List<NumberedStep>> byColumn = new HashMap<>();
        Map<String, Integer> droppedBy = new HashMap<>();
        for (int i = 0; i < spec.steps().size(); i++) {
            NumberedStep numbered = new NumberedStep(i + 1, spec.steps().get(i));
            for (String name : numbered.step().columns()) {
                Column column = training.find(name)
                        .orElseThrow(() -> GyreException.invalid(numbered.where() + ": no column '" + name
                                + "' in the training data (columns: " + String.join(", ", training.names()) + ")"));
                checkKind(numbered, column);
                if (numbered.step() instanceof PipelineStep.Drop) {
                    droppedBy.putIfAbsent(name, numbered.number());
                }
                byColumn.computeIfAbsent(name, key -> new ArrayList<>()).add(numbered);
            }
        }
        droppedBy.forEach((name, dropNumber) -> byColumn.get(name).stream()
                .filter(numbered -> !(numbered.step() instanceof PipelineStep.Drop))
                .findFirst()
                .ifPresent(numbered -> {
                    throw GyreException.invalid(
                            numbered.where() + ": column '" + name + "' is dropped by step " + dropNumber);
                }));
        return byColumn;
    }

    private static void checkKind(NumberedStep numbered, Column column) {
        String needs =
                switch (numbered.step()) {
                    case PipelineStep.Impute _ -> numericOrBoolean(column.kind());
                    case PipelineStep.Standardize _ -> numericOrBoolean(column.kind());
                    case PipelineStep.Bucketize _ -> numericOrBoolean(column.kind());
                    case PipelineStep.OneHot _ -> column.kind() == ValueKind.STRING ? null : "a string";
                    case PipelineStep.Ordinal _ -> column.kind() == ValueKind.STRING ? null : "a string";
                    case PipelineStep.Frequency _ -> column.kind() == ValueKind.STRING ? null : "a string";
                    case PipelineStep.Hash _ -> column.kind() == ValueKind.STRING ? null : "a string";
                    case PipelineStep.DateParts _ -> column.kind() == ValueKind.TIMESTAMP ? null : "a timestamp";
                    case PipelineStep.Drop _ -> null;
                };
        if (needs != null) {
            throw GyreException.invalid(numbered.where() + ": column '" + column.name() + "' is "
                    + column.kind().label() + ", but " + numbered.step().transform() + " needs " + needs + " column");
        }
    }

    private static String numericOrBoolean(ValueKind kind) {
        return FittedColumn.passesThrough(kind) ? null : "a numeric or boolean";
    }

    private static FittedColumn fitColumn(Column column, List<NumberedStep> steps, int rows) {
        if (FittedColumn.passesThrough(column.kind())) {
            return new FittedColumn(
                    column.name(),
                    column.kind(),
                    fitTransforms(column.name(), ((NumericColumn) column).values(), steps),
                    List.of());
        }
        List<Encoding> encodings = new ArrayList<>();
        for (NumberedStep numbered : steps) {
            encodings.add(fitEncoding(numbered.step(), column, rows));
        }
        if (encodings.isEmpty()) {
            encodings.add(autoEncoding(column, rows));
        }
        return new FittedColumn(column.name(), column.kind(), List.of(), encodings);
    }

    /** Fits the numeric steps in order, each on the values the steps before it produced. */
    private static List<NumericTransform> fitTransforms(String name, double[] raw, List<NumberedStep> steps) {
        List<NumericTransform> transforms = new ArrayList<>();
        double[] values = raw;
        for (NumberedStep numbered : steps) {
            NumericTransform transform = fitTransform(numbered, name, values);
            transforms.add(transform);
            double[] next = new double[values.length];
            for (int row = 0; row < values.length; row++) {
                next[row] = transform.apply(values[row]);
            }
            values = next;
        }
        return transforms;
    }

    private static NumericTransform fitTransform(NumberedStep numbered, String name, double[] values) {
        return switch (numbered.step()) {
            case PipelineStep.Impute impute ->
                new NumericTransform.Imputation(
                        switch (impute.strategy()) {
                            case MEDIAN -> learned(numbered, name, ColumnStatistics.median(values));
                            case MEAN -> learned(numbered, name, ColumnStatistics.mean(values));
                            case MOST_FREQUENT -> learned(numbered, name, ColumnStatistics.mostFrequent(values));
                            case CONSTANT -> impute.value();
                        });
            case PipelineStep.Standardize _ -> {
                double mean = learned(numbered, name, ColumnStatistics.mean(values));
                double deviation = ColumnStatistics.standardDeviation(values, mean);
                yield new NumericTransform.Standardization(mean, deviation > 0 ? deviation : 1);
            }
            case PipelineStep.Bucketize bucketize -> {
                if (!bucketize.edges().isEmpty()) {
                    yield new NumericTransform.Bucketing(bucketize.edges());
                }
                learned(numbered, name, ColumnStatistics.mean(values));
                yield new NumericTransform.Bucketing(
                        switch (bucketize.method()) {
                            case QUANTILE -> ColumnStatistics.quantileEdges(values, bucketize.buckets());
                            case WIDTH -> ColumnStatistics.widthEdges(values, bucketize.buckets());
                        });
            }
            default -> throw new IllegalStateException("not a numeric step: " + numbered.where());
        };
    }

    /** {@code statistic}, which is {@code NaN} only when the column had no values to learn it from. */
    private static double learned(NumberedStep numbered, String name, double statistic) {
        if (!Double.isFinite(statistic)) {
            throw GyreException.invalid(numbered.where() + ": column '" + name
                    + "' has no values in the training data to learn from (or infinite ones)");
        }
        return statistic;
    }

    private static Encoding fitEncoding(PipelineStep step, Column column, int rows) {
        return switch (step) {
            case PipelineStep.OneHot onehot ->
                oneHot(categoryCounts(column), onehot.maxCategories(), onehot.minFrequency());
            case PipelineStep.Ordinal _ ->
                new Encoding.Ordinal(
                        CategoryIndex.of(List.copyOf(categoryCounts(column).keySet())));
            case PipelineStep.Frequency _ -> frequency(categoryCounts(column), rows);
            case PipelineStep.DateParts dateParts -> new Encoding.DateParts(dateParts.parts());
            case PipelineStep.Hash hash -> new Encoding.TextHashing(hash.buckets());
            default -> throw new IllegalStateException("not an encoding: " + step.transform());
        };
    }

    private static Encoding autoEncoding(Column column, int rows) {
        if (column.kind() == ValueKind.TIMESTAMP) {
            return new Encoding.DateParts(PipelineStep.DateParts.DEFAULT_PARTS);
        }
        TreeMap<String, Integer> counts = categoryCounts(column);
        return counts.size() <= PipelineSpec.AUTO_ONEHOT_MAX_CATEGORIES
                ? oneHot(counts, Integer.MAX_VALUE, 1)
                : frequency(counts, rows);
    }

    private static TreeMap<String, Integer> categoryCounts(Column column) {
        return ColumnStatistics.counts(((TextColumn) column).values());
    }

    /**
     * Keeps the categories seen at least {@code minFrequency} times, at most the {@code maxCategories} most frequent
     * (ties to the alphabetically first), listed alphabetically.
     */
    private static Encoding oneHot(TreeMap<String, Integer> counts, int maxCategories, int minFrequency) {
        List<String> kept = counts.entrySet().stream()
                .filter(entry -> entry.getValue() >= minFrequency)
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(maxCategories)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        return new Encoding.OneHot(CategoryIndex.of(kept));
    }

    private static Encoding frequency(TreeMap<String, Integer> counts, int rows) {
        List<Double> shares =
                counts.values().stream().map(count -> (double) count / rows).toList();
        return new Encoding.Frequency(CategoryIndex.of(List.copyOf(counts.keySet())), shares);
    }
}
