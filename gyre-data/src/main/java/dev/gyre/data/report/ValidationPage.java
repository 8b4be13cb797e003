package dev.gyre.data.report;

import dev.gyre.data.quality.Severity;
import dev.gyre.data.validate.Anomaly;
import dev.gyre.data.validate.SkippedCheck;
import dev.gyre.data.validate.ValidationReport;
import dev.gyre.data.validate.ValueCount;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The report of a {@link ValidationReport}: the verdict, the anomaly table with severity and evidence, and the
 * checks that could not run, so a reviewer sees why a pipeline gate failed without reading JSON.
 *
 * @param dataset what was validated (a path or a dataset name)
 * @param schema the schema file it was validated against
 * @param report the validation's result
 */
public record ValidationPage(String dataset, String schema, ValidationReport report) {

    public ValidationPage {
        Objects.requireNonNull(dataset, "dataset");
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(report, "report");
    }

    /** The whole HTML document. */
    public String html() {
        List<Html> sections = new ArrayList<>();
        long errors = report.count(Severity.ERROR);
        long warnings = report.count(Severity.WARNING);
        Html verdict = report.passed()
                ? Sections.badge("PASSED", "good")
                : Sections.badge("FAILED: " + errors + " error(s)", "error");
        Map<String, String> summary = new LinkedHashMap<>();
        summary.put("Dataset", dataset);
        summary.put("Schema", schema);
        summary.put("Rows", Format.count(report.rowCount()));
        summary.put("Row-level expectations", report.rowsChecked() ? "checked on every row" : "not run (profile only)");
        summary.put("Errors / warnings", errors + " / " + warnings);
        sections.add(Sections.section("Summary", Html.element("p", verdict), Sections.keyValues(summary)));
        sections.add(
                report.anomalies().isEmpty()
                        ? Sections.section("Anomalies", Sections.paragraph("No anomalies."))
                        : Sections.section("Anomalies", Sections.anomalyTable(anomalyRows())));
        if (!report.skipped().isEmpty()) {
            sections.add(Sections.section(
                    "Skipped checks",
                    HtmlTable.ofText(
                                    List.of("Column", "Check", "Reason"),
                                    report.skipped().stream()
                                            .map(s -> List.of(column(s), s.check(), s.reason()))
                                            .toList())
                            .html()));
        }
        return new HtmlPage("Validation: " + dataset, "against " + schema, sections).render();
    }

    /** One {@code [type, severity, column, message, evidence]} row per anomaly, in the report's order. */
    List<List<String>> anomalyRows() {
        return report.anomalies().stream()
                .map(a -> List.of(
                        a.kind().label(),
                        a.severity().name(),
                        a.column() == null ? "(dataset)" : a.column(),
                        a.message(),
                        evidence(a)))
                .toList();
    }

    private static String column(SkippedCheck check) {
        return check.column() == null ? "(dataset)" : check.column();
    }

    private static String evidence(Anomaly anomaly) {
        return anomaly.evidence().entrySet().stream()
                .map(e -> e.getKey() + "=" + shown(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static String shown(Object value) {
        return switch (value) {
            case List<?> list -> list.stream().map(ValidationPage::shown).collect(Collectors.joining("; ", "[", "]"));
            case ValueCount vc -> vc.value() + " (" + vc.count() + ")";
            case Double d -> Format.number(d);
            default -> String.valueOf(value);
        };
    }
}
