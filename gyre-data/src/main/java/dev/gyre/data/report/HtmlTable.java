package dev.gyre.data.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A table with a header row. Cells are {@link Html} so a cell may carry a badge; {@link #ofText} builds one from
 * plain strings, escaping them. Numeric-looking cells are right-aligned so columns of numbers line up.
 *
 * @param headers column headers
 * @param rows cells, one list per row, each as long as {@code headers}
 */
public record HtmlTable(List<String> headers, List<List<Html>> rows) {

    public HtmlTable {
        headers = List.copyOf(headers);
        List<List<Html>> copies = new ArrayList<>(rows.size());
        for (List<Html> row : rows) {
            if (row.size() != headers.size()) {
                throw new IllegalArgumentException(
                        "row of " + row.size() + " cells for " + headers.size() + " headers");
            }
            copies.add(List.copyOf(row));
        }
        rows = List.copyOf(copies);
    }

    /** A table of plain-text cells; {@code null} cells are shown empty. */
    public static HtmlTable ofText(List<String> headers, List<List<String>> rows) {
        return new HtmlTable(
                headers,
                rows.stream().map(row -> row.stream().map(Html::text).toList()).toList());
    }

    /** The {@code <table>} element. */
    public Html html() {
        StringBuilder out = new StringBuilder("<table><thead><tr>");
        headers.forEach(h -> out.append("<th>").append(Html.escape(h)).append("</th>"));
        out.append("</tr></thead><tbody>");
        for (List<Html> row : rows) {
            out.append("<tr>");
            for (Html cell : row) {
                out.append(numeric(cell.markup()) ? "<td class=\"num\">" : "<td>")
                        .append(cell.markup())
                        .append("</td>");
            }
            out.append("</tr>");
        }
        return new Html(out.append("</tbody></table>").toString());
    }

    private static boolean numeric(String markup) {
        return markup.matches("[-+≈]?[0-9][0-9.,eE+-]*%?");
    }
}
