package dev.gyre.cli.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gyre.cli.output.Table;
import dev.gyre.train.evaluate.Comparison;
import dev.gyre.train.evaluate.ComparisonEntry;
import dev.gyre.train.evaluate.ComparisonRow;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The text parts {@code gyre train} and {@code gyre evaluate} print alike — the metric table against the competitors
 * and the gate with its reasons — so the two read the same and a change to one shows in both.
 */
final class ReportText {

    private ReportText() {}

    /** One row per metric: the model's value, then each competitor's; {@code -} where a value is missing. */
    static void comparison(Comparison comparison, PrintWriter out) {
        List<String> headers = new ArrayList<>(List.of("METRIC", "MODEL"));
        headers.addAll(comparison.competitors());
        Table table = new Table(headers);
        for (ComparisonRow row : comparison.rows()) {
            List<Object> cells = new ArrayList<>();
            cells.add(row.metric());
            cells.add(number(row.model()));
            for (ComparisonEntry other : row.others()) {
                cells.add(number(other.value()));
            }
            table.row(cells);
        }
        table.print(out, "  ");
    }

    /** {@code Gate passed:} or {@code Gate FAILED:}, then one indented line per reason. */
    static void gate(boolean passed, List<String> reasons, PrintWriter out) {
        out.println(passed ? "Gate passed:" : "Gate FAILED:");
        reasons.forEach(reason -> out.println("  " + reason));
    }

    /**
     * Adds {@code metrics} to {@code parent} as the object {@code field}, sorted by name; a value that is not finite
     * becomes {@code null}, since JSON has no such numbers.
     */
    static void metrics(ObjectNode parent, String field, Map<String, Double> metrics) {
        ObjectNode node = parent.putObject(field);
        metrics.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (Double.isFinite(e.getValue())) {
                node.put(e.getKey(), e.getValue());
            } else {
                node.putNull(e.getKey());
            }
        });
    }

    /** A metric value with four decimals; {@code -} for NaN. */
    static String number(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.4f", value);
    }
}
