package dev.gyre.train.evaluate;

import dev.gyre.model.frame.Column;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import dev.gyre.model.frame.ValueKind;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The rows with the largest loss, with their raw inputs: reading a dozen of them often finds a labelling error, a
 * broken feature or a group the model never saw, faster than any aggregate. Ties keep the lower row index first.
 *
 * @param columns the raw input columns shown, in frame order
 * @param rows the worst rows, largest loss first
 */
public record WorstErrors(List<String> columns, List<ErrorRow> rows) {

    public WorstErrors {
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
    }

    /**
     * The {@code limit} rows of largest {@code losses}; {@code labels} and {@code predictions} are shown as given.
     * Rows whose loss is {@code NaN} are skipped.
     */
    public static WorstErrors of(Frame frame, double[] losses, String[] labels, String[] predictions, int limit) {
        Checks.sameLength("the frame", losses.length, frame.rows());
        Checks.sameLength("labels", losses.length, labels.length);
        Checks.sameLength("predictions", losses.length, predictions.length);
        if (limit < 0) {
            throw new IllegalArgumentException("the number of worst errors must not be negative: " + limit);
        }
        List<ErrorRow> rows = IntStream.range(0, losses.length)
                .filter(i -> !Double.isNaN(losses[i]))
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> losses[i])
                        .reversed()
                        .thenComparing(Comparator.naturalOrder()))
                .limit(limit)
                .map(i -> new ErrorRow(i, losses[i], labels[i], predictions[i], values(frame, i)))
                .toList();
        return new WorstErrors(frame.names(), rows);
    }

    /** The worst rows of a binary classifier by log loss; predictions read as the probability of class 1. */
    public static WorstErrors ofBinary(Frame frame, int[] labels, double[] probabilities, int limit) {
        return ofBinary(frame, labels, probabilities, List.of("0", "1"), limit);
    }

    /**
     * {@link #ofBinary(Frame, int[], double[], int)} with labels and predictions in the data's own class names
     * ({@code classNames} = [negative, positive]).
     */
    public static WorstErrors ofBinary(
            Frame frame, int[] labels, double[] probabilities, List<String> classNames, int limit) {
        Checks.sameLength("probabilities", labels.length, probabilities.length);
        int n = labels.length;
        double[] losses = new double[n];
        String[] labelText = new String[n];
        String[] predictionText = new String[n];
        for (int i = 0; i < n; i++) {
            losses[i] = BinaryMetrics.rowLogLoss(labels[i], probabilities[i]);
            labelText[i] = classNames.get(labels[i]);
            predictionText[i] = "p(" + classNames.get(1) + ") = " + number(probabilities[i]);
        }
        return of(frame, losses, labelText, predictionText, limit);
    }

    /** The worst rows of a multiclass classifier by log loss; predictions read as the top class and its probability. */
    public static WorstErrors ofMulticlass(
            Frame frame, int[] labels, double[][] probabilities, List<String> classes, int limit) {
        Checks.sameLength("probabilities", labels.length, probabilities.length);
        int n = labels.length;
        double[] losses = new double[n];
        String[] labelText = new String[n];
        String[] predictionText = new String[n];
        for (int i = 0; i < n; i++) {
            double[] row = probabilities[i];
            int top = 0;
            for (int c = 1; c < row.length; c++) {
                top = row[c] > row[top] ? c : top;
            }
            double p = Math.clamp(row[labels[i]], BinaryMetrics.EPSILON, 1 - BinaryMetrics.EPSILON);
            losses[i] = -Math.log(p);
            labelText[i] = classes.get(labels[i]);
            predictionText[i] = classes.get(top) + " (p = " + number(row[top]) + ")";
        }
        return of(frame, losses, labelText, predictionText, limit);
    }

    /** The worst rows of a regressor by absolute error. */
    public static WorstErrors ofRegression(Frame frame, double[] y, double[] predictions, int limit) {
        Checks.sameLength("predictions", y.length, predictions.length);
        int n = y.length;
        double[] losses = new double[n];
        String[] labelText = new String[n];
        String[] predictionText = new String[n];
        for (int i = 0; i < n; i++) {
            losses[i] = Math.abs(y[i] - predictions[i]);
            labelText[i] = number(y[i]);
            predictionText[i] = number(predictions[i]);
        }
        return of(frame, losses, labelText, predictionText, limit);
    }

    private static List<String> values(Frame frame, int row) {
        List<String> values = new ArrayList<>(frame.columns().size());
        for (Column column : frame.columns()) {
            values.add(column.isMissing(row) ? null : text(column, row));
        }
        return values;
    }

    private static String text(Column column, int row) {
        return switch (column) {
            case TextColumn text -> text.get(row);
            case NumericColumn numeric
            when numeric.kind() == ValueKind.TIMESTAMP ->
                Instant.ofEpochMilli(Math.round(numeric.get(row))).toString();
            case NumericColumn numeric
            when numeric.kind() == ValueKind.BOOLEAN -> numeric.get(row) != 0 ? "true" : "false";
            case NumericColumn numeric -> number(numeric.get(row));
        };
    }

    /** Up to six significant digits, without a trailing ".0" on whole numbers. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.isFinite(value)
                ? String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+(e|$)", "$1")
                : Double.toString(value);
    }
}
