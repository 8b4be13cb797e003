package dev.gyre.train.evaluate;

import dev.gyre.data.report.AxisFormat;
import dev.gyre.data.report.HistogramChart;
import dev.gyre.data.report.Html;
import dev.gyre.data.report.HtmlPage;
import dev.gyre.data.report.HtmlTable;
import dev.gyre.data.report.Sections;
import dev.gyre.data.report.Series;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The evaluation as one self-contained HTML page ({@code evaluation.html} among a run's artifacts): the gate verdict
 * first, then metrics, the comparison with baselines and champion, the task's plots (ROC, precision–recall and
 * calibration curves and the confusion matrix; or the residual histogram), the worst slices and the worst rows.
 * Built from {@code dev.gyre.data.report}'s blocks, so it has no scripts or external resources and every string
 * from the data is escaped.
 */
public final class EvaluationPage {

    private EvaluationPage() {}

    /** The page, starting with {@code <!DOCTYPE html>}. */
    public static String html(EvaluationReport report) {
        List<Html> sections = new ArrayList<>();
        sections.add(gate(report.verdict()));
        sections.add(metrics(report.metrics()));
        sections.add(comparison(report.comparison()));
        sections.add(plots(report.metrics()));
        sections.add(slices(report.slices()));
        sections.add(worstErrors(report.worstErrors()));
        String subtitle = report.task().label() + " task, " + report.metrics().rows() + " evaluation rows";
        return new HtmlPage(report.title(), subtitle, sections).render();
    }

    private static Html gate(GateVerdict verdict) {
        List<List<Html>> rows = new ArrayList<>();
        for (TargetCheck check : verdict.checks()) {
            rows.add(List.of(
                    Html.text(check.target().toString()),
                    Sections.badge(check.status().label(), tone(check.status())),
                    Html.text(AxisText.number(check.measured())),
                    Html.text(check.reason())));
        }
        Html banner = Html.element(
                "p",
                Html.of(
                        Sections.badge(
                                verdict.passed() ? "GATE PASSED" : "GATE FAILED", verdict.passed() ? "good" : "bad"),
                        Html.text(" " + verdict.summary())));
        return Sections.section(
                "Gate verdict",
                banner,
                rows.isEmpty()
                        ? Sections.note("No targets.")
                        : new HtmlTable(List.of("Target", "Status", "Measured", "Reason"), rows).html());
    }

    private static String tone(TargetCheck.Status status) {
        return switch (status) {
            case PASSED -> "good";
            case FAILED, MISSING -> "bad";
            case NOT_CHECKED -> "info";
        };
    }

    private static Html metrics(TaskMetrics metrics) {
        List<List<String>> rows = new ArrayList<>();
        metrics.asMap()
                .forEach((name, value) -> rows.add(List.of(
                        name,
                        AxisText.number(value),
                        MetricDirection.of(name).label().replace('_', ' '))));
        List<Html> body = new ArrayList<>();
        body.add(HtmlTable.ofText(List.of("Metric", "Value", "Direction"), rows).html());
        if (metrics instanceof BinaryMetrics binary) {
            body.add(Sections.note("Threshold metrics predict positive at probability ≥ "
                    + AxisText.number(binary.threshold()) + "; ece uses 10 equal-width bins."));
            binary.notes().forEach(note -> body.add(Sections.paragraph(note)));
        }
        return Sections.section("Metrics", body);
    }

    private static Html comparison(Comparison comparison) {
        if (comparison.competitors().isEmpty()) {
            return Sections.section("Comparison", Sections.note("No baselines or champion to compare with."));
        }
        List<String> headers = new ArrayList<>(List.of("Metric", comparison.model()));
        comparison.competitors().forEach(name -> {
            headers.add(name);
            headers.add("Δ vs " + name);
        });
        List<List<Html>> rows = new ArrayList<>();
        for (ComparisonRow row : comparison.rows()) {
            List<Html> cells = new ArrayList<>();
            cells.add(Html.text(row.metric()));
            cells.add(Html.text(AxisText.number(row.model())));
            for (ComparisonEntry entry : row.others()) {
                cells.add(Html.text(AxisText.number(entry.value())));
                cells.add(Html.of(Html.text(AxisText.signed(entry.delta()) + " "), outcomeBadge(entry.outcome())));
            }
            rows.add(cells);
        }
        return Sections.section(
                "Comparison",
                new HtmlTable(headers, rows).html(),
                Sections.note("Δ is model − competitor; the badge says whether that is better for the model, given"
                        + " whether higher or lower is better for the metric."));
    }

    private static Html outcomeBadge(ComparisonEntry.Outcome outcome) {
        return switch (outcome) {
            case BETTER -> Sections.badge("better", "good");
            case WORSE -> Sections.badge("worse", "bad");
            case SAME -> Sections.badge("same", "info");
            case UNKNOWN -> Sections.badge("n/a", "warning");
        };
    }

    private static Html plots(TaskMetrics metrics) {
        return switch (metrics) {
            case BinaryMetrics binary ->
                Sections.section(
                        "Plots",
                        curve(
                                "ROC curve",
                                "false-positive rate",
                                "true-positive rate",
                                binary.roc(),
                                true,
                                "AUC " + AxisText.number(binary.auc()) + "; dashed: chance."),
                        curve(
                                "Precision–recall curve",
                                "recall",
                                "precision",
                                binary.precisionRecall(),
                                false,
                                "Average precision " + AxisText.number(binary.prAuc()) + "."),
                        calibration(binary),
                        Sections.subheading("Confusion matrix"),
                        ConfusionTable.html(binary.confusion()));
            case MulticlassMetrics multiclass ->
                Sections.section(
                        "Plots",
                        Sections.subheading("Confusion matrix"),
                        ConfusionTable.html(multiclass.confusion()),
                        Sections.subheading("Per class"),
                        perClass(multiclass));
            case RegressionMetrics regression ->
                Sections.section(
                        "Plots", residualHistogram(regression), residualQuantiles(regression.residualQuantiles()));
        };
    }

    private static Html curve(
            String title, String x, String y, List<CurvePoint> points, boolean diagonal, String caption) {
        if (points.isEmpty()) {
            return Sections.note(title + ": not available (only one class in the evaluation set).");
        }
        List<LineChart.Point> line =
                points.stream().map(p -> new LineChart.Point(p.x(), p.y())).toList();
        return new LineChart(title, x, y, List.of(new LineChart.Line("model", line, false)), diagonal, caption).html();
    }

    private static Html calibration(BinaryMetrics binary) {
        List<LineChart.Point> points = binary.calibration().stream()
                .filter(bin -> bin.count() > 0)
                .map(bin -> new LineChart.Point(bin.meanPredicted(), bin.observedRate()))
                .toList();
        return new LineChart(
                        "Calibration",
                        "mean predicted probability",
                        "observed positive rate",
                        List.of(new LineChart.Line("model", points, true)),
                        true,
                        "10 equal-width bins (empty bins omitted); dashed: perfect calibration; ECE "
                                + AxisText.number(binary.ece()) + ".")
                .html();
    }

    private static Html perClass(MulticlassMetrics metrics) {
        List<List<String>> rows = metrics.perClass().stream()
                .map(c -> List.of(
                        c.name(),
                        AxisText.number(c.precision()),
                        AxisText.number(c.recall()),
                        AxisText.number(c.f1()),
                        Long.toString(c.support())))
                .toList();
        return HtmlTable.ofText(List.of("Class", "Precision", "Recall", "F1", "Support"), rows)
                .html();
    }

    private static Html residualHistogram(RegressionMetrics regression) {
        Histogram histogram = regression.residualHistogram();
        double total = histogram.total();
        List<Double> fractions = histogram.counts().stream().map(c -> c / total).toList();
        return new HistogramChart(
                        "Residuals",
                        histogram.boundaries(),
                        List.of(new Series("residual (y − prediction)", fractions)),
                        "residual (y − prediction)",
                        AxisFormat.NUMBER,
                        "Share of rows per residual bin; positive residuals are under-predictions.")
                .html();
    }

    private static Html residualQuantiles(Map<String, Double> quantiles) {
        List<List<String>> rows = new ArrayList<>();
        quantiles.forEach((name, value) -> rows.add(List.of(name, AxisText.number(value))));
        return HtmlTable.ofText(List.of("Residual quantile", "Value"), rows).html();
    }

    private static Html slices(SliceAnalysis analysis) {
        String metricName = analysis.metric().equals("mae") ? "MAE" : "error rate";
        List<List<Html>> rows = new ArrayList<>();
        for (Slice s : analysis.worst()) {
            rows.add(List.of(
                    Html.text(s.column()),
                    Html.text(s.value()),
                    Html.text(Long.toString(s.size())),
                    Html.text(AxisText.number(s.metric())),
                    Html.text(AxisText.number(s.ciLow()) + " – " + AxisText.number(s.ciHigh())),
                    Html.text(AxisText.signed(s.gap())),
                    s.significant() ? Sections.badge("significant", "bad") : Sections.badge("within noise", "info")));
        }
        List<Html> body = new ArrayList<>();
        body.add(Sections.paragraph("Overall " + metricName + ": " + AxisText.number(analysis.overall()) + " over "
                + analysis.rows() + " rows. Slices of at least "
                + analysis.settings().minSize()
                + " rows, ranked by gap to overall."));
        if (rows.isEmpty()) {
            body.add(Sections.note("No slice of that size is worse than overall."));
        } else {
            body.add(new SliceChart("Worst slices", metricName, analysis.overall(), analysis.worst()).html());
            body.add(
                    new HtmlTable(List.of("Column", "Slice", "Rows", metricName, "95% CI", "Gap", "Significance"), rows)
                            .html());
        }
        return Sections.section("Worst slices", body);
    }

    private static Html worstErrors(WorstErrors errors) {
        if (errors.rows().isEmpty()) {
            return Sections.section("Worst errors", Sections.note("No rows."));
        }
        List<String> headers = new ArrayList<>(List.of("Row", "Loss", "Label", "Prediction"));
        headers.addAll(errors.columns());
        List<List<String>> rows = new ArrayList<>();
        for (ErrorRow row : errors.rows()) {
            List<String> cells = new ArrayList<>(
                    List.of(Integer.toString(row.row()), AxisText.number(row.loss()), row.label(), row.prediction()));
            row.values().forEach(v -> cells.add(v == null ? "(missing)" : v));
            rows.add(cells);
        }
        return Sections.section("Worst errors", HtmlTable.ofText(headers, rows).html());
    }
}
