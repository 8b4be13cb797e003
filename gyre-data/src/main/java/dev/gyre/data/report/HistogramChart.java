package dev.gyre.data.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Overlaid histograms on a numeric axis: each series is drawn as translucent bars over the same bins, so where the
 * reference and the current data differ shows as a colour that is not mixed. Bar heights are fractions of each
 * series' values, stated on the y axis and in the caption.
 *
 * @param title chart title, usually the feature name
 * @param boundaries bin boundaries in increasing order, one more than each series has values
 * @param series one or more series of per-bin fractions
 * @param xLabel the x-axis title, with the unit when there is one
 * @param xFormat how the x ticks read
 * @param caption what the bars mean, shown under the chart
 */
public record HistogramChart(
        String title, List<Double> boundaries, List<Series> series, String xLabel, AxisFormat xFormat, String caption) {

    private static final int HEIGHT = Charts.TOP + Charts.PLOT_HEIGHT + 44;
    private static final int X_TICKS = 5;

    public HistogramChart {
        Objects.requireNonNull(title, "title");
        boundaries = List.copyOf(boundaries);
        series = List.copyOf(series);
        if (boundaries.size() < 2 || series.isEmpty()) {
            throw new IllegalArgumentException("a histogram needs at least one bin and one series");
        }
        for (Series s : series) {
            if (s.fractions().size() != boundaries.size() - 1) {
                throw new IllegalArgumentException("series " + s.name() + " has "
                        + s.fractions().size() + " values for " + (boundaries.size() - 1) + " bins");
            }
        }
    }

    /** The chart as a {@code <figure>} with an inline SVG. */
    public Html html() {
        double low = boundaries.getFirst();
        double high = boundaries.getLast();
        double span = high > low ? high - low : 1;
        double yMax = Charts.niceMax(Charts.maxFraction(series));
        double plotWidth = Charts.WIDTH - Charts.LEFT - Charts.RIGHT;
        int bottom = Charts.TOP + Charts.PLOT_HEIGHT;
        StringBuilder svg = new StringBuilder(4096);
        Charts.title(svg, title);
        Charts.legend(svg, series);
        Charts.yAxis(svg, yMax, "share of values");
        for (int s = 0; s < series.size(); s++) {
            String colour = Charts.colour(s);
            List<Double> fractions = series.get(s).fractions();
            for (int i = 0; i < fractions.size(); i++) {
                double x0 = Charts.LEFT + plotWidth * (boundaries.get(i) - low) / span;
                double x1 = Charts.LEFT + plotWidth * (boundaries.get(i + 1) - low) / span;
                double h = Charts.PLOT_HEIGHT * Math.min(fractions.get(i), yMax) / yMax;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.45\""
                                + " stroke=\"%s\" stroke-width=\"0.6\"><title>%s: %s in [%s, %s]</title></rect>",
                        x0,
                        bottom - h,
                        Math.max(0.5, x1 - x0),
                        h,
                        colour,
                        colour,
                        Html.escape(series.get(s).name()),
                        Charts.percent(fractions.get(i)),
                        xFormat.format(boundaries.get(i), span),
                        xFormat.format(boundaries.get(i + 1), span)));
            }
        }
        for (int t = 0; t <= X_TICKS; t++) {
            double value = low + span * t / X_TICKS;
            double x = Charts.LEFT + plotWidth * t / X_TICKS;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#57606a\"/>"
                            + "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                    x,
                    bottom,
                    x,
                    bottom + 4,
                    x,
                    bottom + 16,
                    Html.escape(xFormat.format(value, span))));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                Charts.LEFT + plotWidth / 2,
                bottom + 36,
                Html.escape(xLabel)));
        return Charts.figure(title, HEIGHT, svg.toString(), caption);
    }
}
