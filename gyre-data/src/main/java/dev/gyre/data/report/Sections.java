package dev.gyre.data.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Section builders shared by every report, so a new report (say, schema validation) is a few calls: a titled
 * section, a key/value summary, a table, a badge, and {@link #anomalyTable} for findings given as plain strings.
 */
public final class Sections {

    /** The columns of {@link #anomalyTable}. */
    public static final List<String> ANOMALY_COLUMNS = List.of("Type", "Severity", "Column", "Message", "Evidence");

    private Sections() {}

    /** {@code <section>} with an {@code <h2>} title and the body. */
    public static Html section(String title, List<Html> body) {
        List<Html> parts = new ArrayList<>(body.size() + 1);
        parts.add(Html.element("h2", Html.text(title)));
        parts.addAll(body);
        return Html.element("section", Html.join(parts));
    }

    /** {@link #section(String, List)} with varargs. */
    public static Html section(String title, Html... body) {
        return section(title, List.of(body));
    }

    /** A sub-heading inside a section. */
    public static Html subheading(String title) {
        return Html.element("h3", Html.text(title));
    }

    /** A paragraph of plain text. */
    public static Html paragraph(String text) {
        return Html.element("p", Html.text(text));
    }

    /** A muted note, e.g. "nothing found". */
    public static Html note(String text) {
        return Html.element("p", "muted", Html.text(text));
    }

    /** Key/value pairs as a definition list, in the map's iteration order. */
    public static Html keyValues(Map<String, String> entries) {
        List<Html> parts = new ArrayList<>();
        entries.forEach((key, value) -> {
            parts.add(Html.element("dt", Html.text(key)));
            parts.add(Html.element("dd", Html.text(value)));
        });
        return Html.element("dl", Html.join(parts));
    }

    /** A coloured label; {@code tone} is one of {@code good, bad, info, warning, error}. */
    public static Html badge(String text, String tone) {
        return Html.element("span", "badge " + tone, Html.text(text));
    }

    /** A badge for a severity name ({@code INFO}, {@code WARNING}, {@code ERROR}): info, warning or error tone. */
    public static Html severityBadge(String severity) {
        String tone = severity.toLowerCase(Locale.ROOT);
        return badge(severity, tone.equals("error") || tone.equals("warning") ? tone : "info");
    }

    /**
     * A table of anomalies or findings, one row per {@code [type, severity, column, message, evidence]} (see {@link
     * #ANOMALY_COLUMNS}); the severity cell becomes a badge. Empty rows give a "none found" note instead.
     */
    public static Html anomalyTable(List<List<String>> rows) {
        if (rows.isEmpty()) {
            return note("No anomalies found.");
        }
        List<List<Html>> cells = new ArrayList<>(rows.size());
        for (List<String> row : rows) {
            if (row.size() != ANOMALY_COLUMNS.size()) {
                throw new IllegalArgumentException("an anomaly row has " + ANOMALY_COLUMNS.size() + " cells: " + row);
            }
            cells.add(List.of(
                    Html.text(row.get(0)),
                    severityBadge(row.get(1) == null ? "" : row.get(1)),
                    Html.text(row.get(2)),
                    Html.text(row.get(3)),
                    Html.text(row.get(4))));
        }
        return new HtmlTable(ANOMALY_COLUMNS, cells).html();
    }
}
