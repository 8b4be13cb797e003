package dev.gyre.train.evaluate;

import dev.gyre.data.report.Html;
import java.util.List;
import java.util.Locale;

/**
 * Horizontal bars of the worst slices' metric with their 95% interval as whiskers and the overall value as a dashed
 * line, so a reader sees at once which gaps are large and which are only noise. Inline SVG; labels escaped.
 *
 * @param title chart title
 * @param metricName what the bars measure, e.g. {@code error rate}
 * @param overall the metric over all rows
 * @param slices the slices, drawn top to bottom
 */
public record SliceChart(String title, String metricName, double overall, List<Slice> slices) {

    private static final int WIDTH = 640;
    private static final int LABEL_WIDTH = 220;
    private static final int RIGHT = 60;
    private static final int TOP = 30;
    private static final int ROW = 22;

    public SliceChart {
        slices = List.copyOf(slices);
    }

    /** The chart as a {@code <figure>}; an empty list gives an empty fragment. */
    public Html html() {
        if (slices.isEmpty()) {
            return Html.EMPTY;
        }
        double max = overall;
        for (Slice s : slices) {
            max = Math.max(max, Double.isFinite(s.ciHigh()) ? Math.max(s.ciHigh(), s.metric()) : s.metric());
        }
        double scale = max > 0 ? (WIDTH - LABEL_WIDTH - RIGHT) / max : 0;
        int height = TOP + ROW * slices.size() + 30;
        StringBuilder svg = new StringBuilder(4096);
        svg.append(
                String.format(Locale.ROOT, "<text x=\"8\" y=\"18\" font-weight=\"600\">%s</text>", Html.escape(title)));
        for (int i = 0; i < slices.size(); i++) {
            Slice s = slices.get(i);
            double y = TOP + ROW * i;
            String label = s.column() + " = " + s.value();
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                            + "<rect x=\"%d\" y=\"%.1f\" width=\"%.1f\" height=\"%d\" fill=\"%s\" fill-opacity=\"0.7\">"
                            + "<title>%s: %s %s (95%% CI %s to %s), %d rows</title></rect>",
                    LABEL_WIDTH - 6,
                    y + 14,
                    Html.escape(shorten(label, 34)),
                    LABEL_WIDTH,
                    y + 3,
                    Math.max(0.5, s.metric() * scale),
                    ROW - 8,
                    s.significant() ? "#cf222e" : "#d4630b",
                    Html.escape(label),
                    Html.escape(metricName),
                    AxisText.number(s.metric()),
                    AxisText.number(s.ciLow()),
                    AxisText.number(s.ciHigh()),
                    s.size()));
            if (Double.isFinite(s.ciLow()) && Double.isFinite(s.ciHigh())) {
                svg.append(String.format(
                        Locale.ROOT,
                        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#1f2328\"/>",
                        LABEL_WIDTH + s.ciLow() * scale,
                        y + ROW / 2.0,
                        LABEL_WIDTH + s.ciHigh() * scale,
                        y + ROW / 2.0));
            }
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.1f\" y=\"%.1f\">%s</text>",
                    LABEL_WIDTH + max * scale + 4,
                    y + 14,
                    AxisText.number(s.metric())));
        }
        double x = LABEL_WIDTH + overall * scale;
        int bottom = TOP + ROW * slices.size();
        svg.append(String.format(
                Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#0969da\" stroke-dasharray=\"4 3\"/>"
                        + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">overall %s %s</text>",
                x,
                TOP - 4,
                x,
                bottom + 4,
                x,
                bottom + 18,
                Html.escape(metricName),
                AxisText.number(overall)));
        String body = "<svg role=\"img\" viewBox=\"0 0 " + WIDTH + " " + height + "\" width=\"" + WIDTH + "\" height=\""
                + height + "\"><title>" + Html.escape(title) + "</title>" + svg + "</svg>";
        return new Html("<figure>" + body + "<figcaption>"
                + Html.escape("Bars: " + metricName + " per slice; whiskers: 95% interval; dashed line: overall."
                        + " Red bars are significantly worse than overall.")
                + "</figcaption></figure>");
    }

    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
