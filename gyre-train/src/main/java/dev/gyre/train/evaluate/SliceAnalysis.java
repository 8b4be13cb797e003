package dev.gyre.train.evaluate;

import dev.gyre.data.report.AxisFormat;
import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Metrics per slice of the raw input columns (before the feature pipeline, so slices read in the user's terms) and
 * the slices where the model does worst.
 *
 * <p>Slices: each value of a string or boolean column (the {@link SliceSettings#maxCategories} largest; the rest as
 * {@code "(other)"}), and each quantile bin of a numeric or timestamp column, with edges at observed values
 * (nearest-rank quantiles at 1/bins, 2/bins, …; bins are {@code [min, e₁]}, {@code (e₁, e₂]}, …, repeated edges
 * merged); missing values form a {@code "(missing)"} slice. The metric is the error rate for classification, with
 * a Wilson 95% interval, or the mean absolute error for regression, with a normal-approximation 95% interval
 * ({@code mean ± 1.96·s/√n}). Worst slices have at least {@link SliceSettings#minSize} rows and a positive gap,
 * ranked by gap (largest first, then by size); {@link Slice#significant()} tells which gaps are unlikely to be noise.
 *
 * @param metric {@code error_rate} or {@code mae}
 * @param rows rows analysed
 * @param overall the metric over all rows
 * @param slices every slice, column by column in frame order
 * @param worst the worst slices, worst first
 * @param settings how slices were cut
 */
public record SliceAnalysis(
        String metric, int rows, double overall, List<Slice> slices, List<Slice> worst, SliceSettings settings) {

    /** The normal quantile of a two-sided 95% interval. */
    static final double Z95 = 1.959963984540054;

    static final String MISSING = "(missing)";
    static final String OTHER = "(other)";

    public SliceAnalysis {
        slices = List.copyOf(slices);
        worst = List.copyOf(worst);
    }

    /**
     * Slices of a classifier's results: {@code correct[i]} is 1 when row {@code i} was predicted right and 0
     * otherwise, {@code logLoss[i]} its log loss; {@code frame} holds the raw inputs of the same rows.
     */
    public static SliceAnalysis ofClassification(Frame frame, int[] correct, double[] logLoss, SliceSettings settings) {
        Checks.notEmpty(correct.length);
        Checks.sameLength("the frame", correct.length, frame.rows());
        Checks.sameLength("logLoss", correct.length, logLoss.length);
        double[] errors = new double[correct.length];
        for (int i = 0; i < correct.length; i++) {
            if (correct[i] != 0 && correct[i] != 1) {
                throw new IllegalArgumentException("row " + i + ": correct must be 0 or 1, not " + correct[i]);
            }
            errors[i] = 1 - correct[i];
        }
        return analyse(frame, errors, logLoss, true, settings);
    }

    /** Slices of a regressor's results: {@code absoluteErrors[i]} is |y − prediction| of row {@code i}. */
    public static SliceAnalysis ofRegression(Frame frame, double[] absoluteErrors, SliceSettings settings) {
        Checks.notEmpty(absoluteErrors.length);
        Checks.sameLength("the frame", absoluteErrors.length, frame.rows());
        for (int i = 0; i < absoluteErrors.length; i++) {
            Checks.finite("absolute error", i, absoluteErrors[i]);
        }
        return analyse(frame, absoluteErrors, absoluteErrors, false, settings);
    }

    private static SliceAnalysis analyse(
            Frame frame, double[] errors, double[] losses, boolean rate, SliceSettings settings) {
        int n = errors.length;
        double overall = Arrays.stream(errors).sum() / n;
        List<Slice> slices = new ArrayList<>();
        for (Column column : frame.columns()) {
            Grouping grouping = column.kind() == ValueKind.STRING || column.kind() == ValueKind.BOOLEAN
                    ? Grouping.categories(column, settings.maxCategories())
                    : Grouping.quantileBins((NumericColumn) column, settings.bins());
            int k = grouping.names.size();
            long[] sizes = new long[k];
            double[] sums = new double[k];
            double[] squares = new double[k];
            double[] lossSums = new double[k];
            for (int i = 0; i < n; i++) {
                int g = grouping.groups[i];
                sizes[g]++;
                sums[g] += errors[i];
                squares[g] += errors[i] * errors[i];
                lossSums[g] += losses[i];
            }
            for (int g = 0; g < k; g++) {
                double mean = sums[g] / sizes[g];
                double[] interval = rate ? wilson(mean, sizes[g]) : normal(mean, squares[g], sizes[g]);
                slices.add(new Slice(
                        column.name(),
                        grouping.names.get(g),
                        sizes[g],
                        mean,
                        interval[0],
                        interval[1],
                        mean - overall,
                        lossSums[g] / sizes[g],
                        interval[0] > overall || interval[1] < overall));
            }
        }
        List<Slice> worst = slices.stream()
                .filter(s -> s.size() >= settings.minSize() && s.gap() > 0)
                .sorted(Comparator.comparingDouble(Slice::gap)
                        .reversed()
                        .thenComparing(Comparator.comparingLong(Slice::size).reversed()))
                .limit(settings.maxWorst())
                .toList();
        return new SliceAnalysis(rate ? "error_rate" : "mae", n, overall, slices, worst, settings);
    }

    /** Wilson score interval of a proportion {@code p} over {@code n} trials. */
    static double[] wilson(double p, long n) {
        double z2 = Z95 * Z95;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** {@code mean ± z·s/√n} with the sample standard deviation; {@code NaN} bounds below two values. */
    static double[] normal(double mean, double sumSquares, long n) {
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double variance = Math.max(0, (sumSquares - n * mean * mean) / (n - 1));
        double half = Z95 * Math.sqrt(variance / n);
        return new double[] {mean - half, mean + half};
    }

    /** A slice index per row and the slice names, in display order. */
    private record Grouping(List<String> names, int[] groups) {

        static Grouping categories(Column column, int maxCategories) {
            int n = column.size();
            String[] values = new String[n];
            Map<String, Integer> counts = new HashMap<>();
            for (int i = 0; i < n; i++) {
                values[i] = categoryOf(column, i);
                if (values[i] != null) {
                    counts.merge(values[i], 1, Integer::sum);
                }
            }
            List<String> kept = counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(maxCategories)
                    .map(Map.Entry::getKey)
                    .toList();
            Map<String, Integer> index = new LinkedHashMap<>();
            kept.forEach(name -> index.put(name, index.size()));
            List<String> names = new ArrayList<>(kept);
            int other = -1;
            int missing = -1;
            int[] groups = new int[n];
            for (int i = 0; i < n; i++) {
                Integer group = values[i] == null ? null : index.get(values[i]);
                if (group != null) {
                    groups[i] = group;
                } else if (values[i] != null) {
                    other = other < 0 ? addName(names, OTHER) : other;
                    groups[i] = other;
                } else {
                    missing = missing < 0 ? addName(names, MISSING) : missing;
                    groups[i] = missing;
                }
            }
            return new Grouping(names, groups);
        }

        static Grouping quantileBins(NumericColumn column, int bins) {
            double[] present = Arrays.stream(column.values())
                    .filter(v -> !Double.isNaN(v))
                    .sorted()
                    .toArray();
            List<String> names = new ArrayList<>();
            int[] groups = new int[column.size()];
            double[] edges = new double[0];
            if (present.length > 0) {
                edges = edges(present, bins);
                AxisFormat format = column.kind() == ValueKind.TIMESTAMP ? AxisFormat.EPOCH_MILLIS : AxisFormat.NUMBER;
                double span = present[present.length - 1] - present[0];
                for (int b = 0; b < edges.length; b++) {
                    String upper = format.format(edges[b], span);
                    names.add(
                            b == 0
                                    ? "[" + format.format(present[0], span) + ", " + upper + "]"
                                    : "(" + format.format(edges[b - 1], span) + ", " + upper + "]");
                }
            }
            int missing = -1;
            for (int i = 0; i < groups.length; i++) {
                double value = column.get(i);
                if (Double.isNaN(value)) {
                    if (missing < 0) {
                        missing = addName(names, MISSING);
                    }
                    groups[i] = missing;
                } else {
                    int bin = Arrays.binarySearch(edges, value);
                    groups[i] = bin >= 0 ? bin : Math.min(-bin - 1, edges.length - 1);
                }
            }
            return new Grouping(names, groups);
        }

        /** Distinct upper edges of the bins, the last being the largest value. */
        private static double[] edges(double[] sorted, int bins) {
            double[] edges = new double[bins];
            int count = 0;
            for (int b = 1; b <= bins; b++) {
                double edge = b == bins ? sorted[sorted.length - 1] : Quantiles.nearestRank(sorted, (double) b / bins);
                if (count == 0 || edge > edges[count - 1]) {
                    edges[count++] = edge;
                }
            }
            return Arrays.copyOf(edges, count);
        }

        private static int addName(List<String> names, String name) {
            names.add(name);
            return names.size() - 1;
        }

        private static String categoryOf(Column column, int row) {
            if (column.isMissing(row)) {
                return null;
            }
            return switch (column) {
                case TextColumn text -> text.get(row);
                case NumericColumn numeric -> numeric.get(row) != 0 ? "true" : "false";
            };
        }
    }
}
