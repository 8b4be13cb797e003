package dev.gyre.train.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gyre.model.MetricTarget;
import dev.gyre.model.frame.Frame;
import dev.gyre.model.frame.NumericColumn;
import dev.gyre.model.frame.TextColumn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationReportTest {

    private static final int ROWS = 120;

    /** 120 rows where the category {@code <script>} is always mispredicted. */
    private static EvaluationReport binaryReport() {
        int[] labels = new int[ROWS];
        double[] p = new double[ROWS];
        String[] segment = new String[ROWS];
        double[] age = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            labels[i] = i % 2;
            segment[i] = i % 3 == 0 ? "<script>alert(1)</script>" : "plain & simple";
            boolean wrong = i % 3 == 0;
            p[i] = (labels[i] == 1) != wrong ? 0.8 - (i % 7) / 20.0 : 0.2 + (i % 5) / 20.0;
            age[i] = 18 + i % 50;
        }
        Frame frame = Frame.of(TextColumn.of("segment", segment), NumericColumn.of("age", age));
        BinaryMetrics metrics = BinaryMetrics.of(labels, p, 0.5);
        int[] correct = new int[ROWS];
        double[] loss = new double[ROWS];
        for (int i = 0; i < ROWS; i++) {
            correct[i] = (p[i] >= 0.5 ? 1 : 0) == labels[i] ? 1 : 0;
            loss[i] = BinaryMetrics.rowLogLoss(labels[i], p[i]);
        }
        Map<String, Map<String, Double>> others = new LinkedHashMap<>();
        others.put("baseline:majority", Map.of("auc", 0.5, "accuracy", 0.5));
        return new EvaluationReport(
                "churn <model>",
                metrics,
                SliceAnalysis.ofClassification(frame, correct, loss, SliceSettings.DEFAULTS),
                WorstErrors.ofBinary(frame, labels, p, 5),
                Comparison.of("model", metrics.asMap(), others),
                GateVerdict.check(
                        List.of(MetricTarget.parse("auc >= 0.9"), MetricTarget.parse("p99_latency_ms <= 10")),
                        metrics.asMap()));
    }

    @Test
    void worstErrorsAreTheRowsOfLargestLossWithTheirRawValues() {
        WorstErrors errors = binaryReport().worstErrors();

        assertThat(errors.columns()).containsExactly("segment", "age");
        assertThat(errors.rows()).hasSize(5);
        assertThat(errors.rows())
                .allSatisfy(row -> assertThat(row.values().getFirst()).startsWith("<script>"));
        assertThat(errors.rows()).extracting(ErrorRow::loss).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        ErrorRow first = errors.rows().getFirst();
        assertThat(first.values().get(1)).isEqualTo(Integer.toString(18 + first.row() % 50));
        assertThat(first.prediction()).startsWith("p(1) = ");
    }

    @Test
    void htmlIsSelfContainedWithPlotsAndEscapesDataText() {
        String html = EvaluationPage.html(binaryReport());

        assertThat(html).startsWith("<!DOCTYPE html>");
        assertThat(html).contains("<svg", "ROC curve", "Precision–recall curve", "Calibration", "Worst slices");
        assertThat(html.split("<svg", -1)).hasSizeGreaterThanOrEqualTo(5); // ROC, PR, calibration, slices
        assertThat(html).contains("GATE FAILED", "auc", "baseline:majority", "not checked at training");
        assertThat(html).doesNotContain("<script>", "churn <model>");
        assertThat(html).contains("&lt;script&gt;alert(1)&lt;/script&gt;", "churn &lt;model&gt;");
        assertThat(html).doesNotContain("http://", "https://", "src=");
    }

    @Test
    void regressionPageShowsTheResidualHistogram() {
        double[] y = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] predictions = {1.5, 2, 2.5, 4, 6, 6, 7.5, 5};
        Frame frame = Frame.of(NumericColumn.of("x", y));
        RegressionMetrics metrics = RegressionMetrics.of(y, predictions);
        double[] absolute = new double[y.length];
        for (int i = 0; i < y.length; i++) {
            absolute[i] = Math.abs(y[i] - predictions[i]);
        }
        EvaluationReport report = new EvaluationReport(
                "prices",
                metrics,
                SliceAnalysis.ofRegression(frame, absolute, SliceSettings.DEFAULTS),
                WorstErrors.ofRegression(frame, y, predictions, 3),
                Comparison.alone("model", metrics.asMap()),
                GateVerdict.check(List.of(MetricTarget.parse("rmse <= 0.5")), metrics.asMap()));

        String html = EvaluationPage.html(report);

        assertThat(html).contains("<svg", "Residuals", "Residual quantile", "rmse");
        assertThat(report.worstErrors().rows().getFirst().row()).isEqualTo(7);
    }

    @Test
    void jsonWritesNanAsAStringAndReadsItBack() throws Exception {
        BinaryMetrics oneClass = BinaryMetrics.of(new int[] {1, 1}, new double[] {0.3, 0.9}, 0.5);
        Frame frame = Frame.of(NumericColumn.of("x", 1, 2));
        EvaluationReport report = new EvaluationReport(
                "one class",
                oneClass,
                SliceAnalysis.ofClassification(
                        frame, new int[] {0, 1}, new double[] {1.2, 0.1}, SliceSettings.DEFAULTS),
                WorstErrors.ofBinary(frame, new int[] {1, 1}, new double[] {0.3, 0.9}, 2),
                Comparison.alone("model", oneClass.asMap()),
                GateVerdict.check(List.of(MetricTarget.parse("auc >= 0.8")), oneClass.asMap()));

        String json = EvaluationJson.write(report);
        JsonNode tree = new ObjectMapper().readTree(json);

        assertThat(tree.get("format_version").asInt()).isEqualTo(1);
        assertThat(tree.get("task").asText()).isEqualTo("binary");
        assertThat(tree.at("/metrics/auc").asText()).isEqualTo("NaN");
        assertThat(tree.at("/metrics/auc").isTextual()).isTrue();
        assertThat(tree.at("/gate/passed").asBoolean()).isFalse();
        assertThat(tree.at("/gate/checks/0/measured").asText()).isEqualTo("NaN");
        assertThat(tree.at("/details/notes/0").asText()).contains("auc is NaN");
        assertThat(tree.at("/details/calibration/0/mean_predicted").asText()).isEqualTo("NaN");
        Map<String, Double> back = EvaluationJson.readMetrics(json);
        assertThat(back.keySet()).containsExactlyElementsOf(oneClass.asMap().keySet());
        assertThat(back.get("auc")).isNaN();
        assertThat(back.get("accuracy")).isEqualTo(0.5);
        assertThat(back.get("log_loss")).isEqualTo(oneClass.logLoss());
    }
}
