package dev.gyre.train.evaluate;

import dev.gyre.data.report.Html;
import java.util.Locale;

/**
 * A confusion matrix as an HTML heat table: each cell is shaded by its share of the actual class's rows, so the
 * classes a model confuses stand out whatever their sizes. Class names are escaped.
 */
final class ConfusionTable {

    private ConfusionTable() {}

    static Html html(ConfusionMatrix matrix) {
        int k = matrix.classes().size();
        StringBuilder out = new StringBuilder("<table><thead><tr><th>actual \\ predicted</th>");
        matrix.classes().forEach(c -> out.append("<th>").append(Html.escape(c)).append("</th>"));
        out.append("<th>rows</th></tr></thead><tbody>");
        for (int a = 0; a < k; a++) {
            long rowTotal = 0;
            for (int p = 0; p < k; p++) {
                rowTotal += matrix.count(a, p);
            }
            out.append("<tr><th>").append(Html.escape(matrix.classes().get(a))).append("</th>");
            for (int p = 0; p < k; p++) {
                long count = matrix.count(a, p);
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                String hue = a == p ? "26,127,55" : "207,34,46";
                out.append(String.format(
                        Locale.ROOT,
                        "<td class=\"num\" style=\"background:rgba(%s,%.2f)\" title=\"%s of actual %s\">%d</td>",
                        hue,
                        0.08 + 0.6 * share,
                        AxisText.percent(share),
                        Html.escape(matrix.classes().get(a)),
                        count));
            }
            out.append("<td class=\"num\">").append(rowTotal).append("</td></tr>");
        }
        return new Html(out.append("</tbody></table>").toString());
    }
}
