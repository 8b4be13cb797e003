package dev.gyre.train.evaluate;

import dev.gyre.data.report.Html;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Lines on the unit square, as an inline SVG {@code <figure>} in the style of {@code dev.gyre.data.report}'s charts:
 * ROC and precision–recall curves and calibration curves all live in [0, 1] × [0, 1], where a fixed square axis
 * makes two reports comparable at a glance. Optionally draws the diagonal y = x (chance for ROC, perfect
 * calibration). Names and titles are escaped.
 *
 * @param title chart title
 * @param xLabel x-axis title
 * @param yLabel y-axis title
 * @param lines the lines, drawn in order
 * @param diagonal whether to draw the dashed diagonal
 * @param caption what the chart shows, under it
 */
public record LineChart(
        String title, String xLabel, String yLabel, List<Line> lines, boolean diagonal, String caption) {

    private static final int SIZE = 260;
    private static final int LEFT = 56;
    private static final int TOP = 34;
    private static final int WIDTH = LEFT + SIZE + 24;
    private static final int HEIGHT = TOP + SIZE + 44;
    private static final int TICKS = 5;
    /** The palette of the data-stage charts, so every Gyre report reads alike. */
    private static final List<String> COLOURS = List.of("#0969da", "#d4630b", "#1a7f37", "#8250df");

    public LineChart {
        Objects.requireNonNull(title, "title");
        lines = List.copyOf(lines);
    }

    /** One point of a line. */
    public record Point(double x, double y) {}

    /**
     * One named line; points with a coordinate that is not finite are skipped.
     *
     * @param name legend entry
     * @param points in drawing order
     * @param markers whether to mark each point with a dot (for a few binned points, like a calibration curve)
     */
    public record Line(String name, List<Point> points, boolean markers) {

        public Line {
            Objects.requireNonNull(name, "name");
            points = List.copyOf(points);
        }
    }

    /** The chart as a {@code <figure>} with an inline SVG. */
    public Html html() {
        StringBuilder svg = new StringBuilder(8192);
        svg.append(String.format(
                Locale.ROOT, "<text x=\"%d\" y=\"16\" font-weight=\"600\">%s</text>", LEFT, Html.escape(title)));
        axes(svg);
        if (diagonal) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#8c959f\" stroke-dasharray=\"4 3\"/>",
                    LEFT,
                    TOP + SIZE,
                    LEFT + SIZE,
                    TOP));
        }
        for (int i = 0; i < lines.size(); i++) {
            line(svg, lines.get(i), COLOURS.get(i % COLOURS.size()), i);
        }
        String body = "<svg role=\"img\" viewBox=\"0 0 " + WIDTH + " " + HEIGHT + "\" width=\"" + WIDTH + "\" height=\""
                + HEIGHT + "\"><title>" + Html.escape(title) + "</title>" + svg + "</svg>";
        return new Html("<figure>" + body + "<figcaption>" + Html.escape(caption) + "</figcaption></figure>");
    }

    private void axes(StringBuilder svg) {
        for (int t = 0; t <= TICKS; t++) {
            double offset = (double) SIZE * t / TICKS;
            String tick = AxisText.number((double) t / TICKS);
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>"
                            + "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    LEFT,
                    TOP + SIZE - offset,
                    LEFT + SIZE,
                    TOP + SIZE - offset,
                    t == 0 ? "#57606a" : "#eaeef2",
                    LEFT - 6,
                    TOP + SIZE - offset + 4,
                    tick,
                    LEFT + offset,
                    TOP,
                    LEFT + offset,
                    TOP + SIZE,
                    t == 0 ? "#57606a" : "#eaeef2",
                    LEFT + offset,
                    TOP + SIZE + 16,
                    tick));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>"
                        + "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
                LEFT + SIZE / 2,
                TOP + SIZE + 36,
                Html.escape(xLabel),
                TOP + SIZE / 2,
                Html.escape(yLabel)));
    }

    private static void line(StringBuilder svg, Line line, String colour, int index) {
        StringBuilder path = new StringBuilder();
        StringBuilder dots = new StringBuilder();
        for (Point p : line.points()) {
            if (!Double.isFinite(p.x()) || !Double.isFinite(p.y())) {
                continue;
            }
            double x = LEFT + SIZE * Math.clamp(p.x(), 0, 1);
            double y = TOP + SIZE - SIZE * Math.clamp(p.y(), 0, 1);
            path.append(path.isEmpty() ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            if (line.markers()) {
                dots.append(String.format(
                        Locale.ROOT,
                        "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s: (%s, %s)</title></circle>",
                        x,
                        y,
                        colour,
                        Html.escape(line.name()),
                        AxisText.number(p.x()),
                        AxisText.number(p.y())));
            }
        }
        if (!path.isEmpty()) {
            svg.append(String.format(
                    Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>", path, colour));
        }
        svg.append(dots);
        int legendY = TOP + SIZE - 12 - 16 * index;
        svg.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>",
                LEFT + SIZE - 130,
                legendY - 4,
                colour,
                LEFT + SIZE - 114,
                legendY,
                Html.escape(line.name())));
    }
}
