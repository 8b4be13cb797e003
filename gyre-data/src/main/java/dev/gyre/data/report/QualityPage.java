package dev.gyre.data.report;

import dev.gyre.data.quality.ClassBalance;
import dev.gyre.data.quality.ClassCount;
import dev.gyre.data.quality.ConstantFeature;
import dev.gyre.data.quality.DuplicateGroup;
import dev.gyre.data.quality.DuplicateRows;
import dev.gyre.data.quality.Finding;
import dev.gyre.data.quality.IdLikeColumn;
import dev.gyre.data.quality.LabelConflicts;
import dev.gyre.data.quality.LeakageCandidate;
import dev.gyre.data.quality.NearConstantFeature;
import dev.gyre.data.quality.QualityReport;
import dev.gyre.data.quality.Severity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The report of a {@link QualityReport}: one findings table with severity and evidence (the same shape as {@link
 * Sections#anomalyTable}), then the examples behind each finding: conflicting label groups, duplicate rows and the
 * class balance with a chart.
 *
 * @param report the checks' result
 */
public record QualityPage(QualityReport report) {

    public QualityPage {
        Objects.requireNonNull(report, "report");
    }

    /** The whole HTML document. */
    public String html() {
        List<Html> sections = new ArrayList<>();
        sections.add(Sections.section("Summary", summary()));
        sections.add(Sections.section("Findings", Sections.anomalyTable(findingRows())));
        for (Finding finding : report.findings()) {
            switch (finding) {
                case LabelConflicts conflicts -> sections.add(conflicts(conflicts));
                case DuplicateRows duplicates -> sections.add(duplicates(duplicates));
                case ClassBalance balance -> sections.add(balance(balance));
                default -> {}
            }
        }
        return new HtmlPage(
                        "Data quality: " + report.file(),
                        Format.count(report.rows()) + " rows, label '" + report.label() + "', "
                                + report.features().size() + " features",
                        sections)
                .render();
    }

    private List<Html> summary() {
        long errors = count(Severity.ERROR);
        long warnings = count(Severity.WARNING);
        Html verdict =
                errors > 0 ? Sections.badge("FAILED: " + errors + " error(s)", "error") : Sections.badge("OK", "good");
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("File", report.file());
        entries.put("Rows", Format.count(report.rows()));
        entries.put("Label", report.label());
        entries.put("Features", String.join(", ", report.features()));
        entries.put("Errors / warnings", errors + " / " + warnings);
        return List.of(Html.element("p", verdict), Sections.keyValues(entries));
    }

    /** One {@code [type, severity, column, message, evidence]} row per finding, in the report's order. */
    List<List<String>> findingRows() {
        return report.findings().stream()
                .map(f -> List.of(type(f), f.severity().name(), column(f), f.summary(), evidence(f)))
                .toList();
    }

    private Html conflicts(LabelConflicts conflicts) {
        List<List<String>> rows = conflicts.examples().stream()
                .map(g -> List.of(String.valueOf(g.rows()), counts(g.labelCounts()), values(g.features())))
                .toList();
        return detail("Label conflicts", conflicts, List.of("Rows", "Labels", "Features"), rows);
    }

    private Html duplicates(DuplicateRows duplicates) {
        List<List<String>> rows = duplicates.examples().stream()
                .map((DuplicateGroup g) -> List.of(String.valueOf(g.copies()), values(g.values())))
                .toList();
        return detail("Duplicate rows", duplicates, List.of("Copies", "Row"), rows);
    }

    private Html balance(ClassBalance balance) {
        List<List<String>> rows = balance.classes().stream()
                .map(c -> List.of(
                        c.label(), Format.count(c.count()), Format.percent(c.fraction()), c.rare() ? "rare" : ""))
                .toList();
        List<Html> body = new ArrayList<>();
        body.add(Html.element(
                "p", Html.of(Sections.severityBadge(balance.severity().name()), Html.text(" " + balance.summary()))));
        body.add(HtmlTable.ofText(List.of("Class", "Count", "Fraction", ""), rows)
                .html());
        if (!balance.classes().isEmpty()) {
            String caption = "Share of labeled rows per class (" + Format.count(labeled(balance)) + " labeled rows"
                    + (balance.unlabeledRows() > 0
                            ? ", " + Format.count(balance.unlabeledRows()) + " without label"
                            : "")
                    + ").";
            body.add(new CategoryChart(
                            "label: " + report.label(),
                            balance.classes().stream().map(ClassCount::label).toList(),
                            List.of(new Series(
                                    "share",
                                    balance.classes().stream()
                                            .map(ClassCount::fraction)
                                            .toList())),
                            caption)
                    .html());
        }
        return Sections.section("Class balance", body);
    }

    private static long labeled(ClassBalance balance) {
        return balance.classes().stream().mapToLong(ClassCount::count).sum();
    }

    private static Html detail(String title, Finding finding, List<String> headers, List<List<String>> rows) {
        Html heading = Html.element(
                "p", Html.of(Sections.severityBadge(finding.severity().name()), Html.text(" " + finding.summary())));
        Html table = rows.isEmpty()
                ? Sections.note("No examples.")
                : HtmlTable.ofText(headers, rows).html();
        return Sections.section(title, heading, table);
    }

    private long count(Severity severity) {
        return report.findings().stream().filter(f -> f.severity() == severity).count();
    }

    private static String type(Finding finding) {
        return switch (finding) {
            case LabelConflicts _ -> "label conflicts";
            case DuplicateRows _ -> "duplicate rows";
            case ClassBalance _ -> "class balance";
            case ConstantFeature _ -> "constant feature";
            case NearConstantFeature _ -> "near-constant feature";
            case LeakageCandidate _ -> "leakage candidate";
            case IdLikeColumn _ -> "id-like column";
        };
    }

    private static String column(Finding finding) {
        return finding.column() == null ? "" : finding.column();
    }

    /** The numbers behind a finding, beyond its one-line summary. */
    private static String evidence(Finding finding) {
        return switch (finding) {
            case LabelConflicts c ->
                c.groups() + " groups, " + c.rows() + " rows (" + Format.percent(c.rowFraction()) + ")";
            case DuplicateRows d ->
                d.duplicateRows() + " rows (" + Format.percent(d.fraction()) + ") in " + d.groups() + " groups";
            case ClassBalance b ->
                String.format(
                        Locale.ROOT, "imbalance ratio %.1f, %d unlabeled rows", b.imbalanceRatio(), b.unlabeledRows());
            case ConstantFeature c -> "always " + c.value();
            case NearConstantFeature n ->
                n.topValue() + " in " + Format.percent(n.topFraction()) + " of rows, " + n.distinctValues()
                        + " distinct";
            case LeakageCandidate l ->
                "accuracy " + Format.percent(l.accuracy()) + " vs baseline " + Format.percent(l.baseline()) + " ("
                        + l.method().name().toLowerCase(Locale.ROOT) + ", " + l.distinctValues() + " distinct)";
            case IdLikeColumn i -> i.distinctValues() + " distinct in " + i.rows() + " rows";
        };
    }

    private static String counts(Map<String, Long> labelCounts) {
        return labelCounts.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static String values(Map<String, Object> values) {
        return values.entrySet().stream()
                .map(e -> e.getKey() + "=" + (e.getValue() == null ? "NULL" : e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
