package dev.gyre.data.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Side-by-side bars per category, one bar per series, for categorical features. Bar heights are fractions of each
 * series' values so that datasets of different sizes compare directly; long category names are shortened on the
 * axis and given in full in each bar's tooltip.
 *
 * @param title chart title, usually the feature name
 * @param categories the category names, in display order
 * @param series one or more series with one fraction per category
 * @param caption what the bars mean, shown under the chart
 */
public record CategoryChart(String title, List<String> categories, List<Series> series, String caption) {

    private static final int LABEL_SPACE = 70;
    private static final int HEIGHT = Charts.TOP + Charts.PLOT_HEIGHT + LABEL_SPACE;
    private static final int LABEL_CHARS = 14;

    public CategoryChart {
        Objects.requireNonNull(title, "title");
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("a category chart needs at least one category and one series");
        }
        for (Series s : series) {
            if (s.fractions().size() != categories.size()) {
                throw new IllegalArgumentException("series " + s.name() + " has "
                        + s.fractions().size() + " values for " + categories.size() + " categories");
            }
        }
    }

    /** The chart as a {@code <figure>} with an inline SVG. */
    public Html html() {
        double yMax = Charts.niceMax(Charts.maxFraction(series));
        double slot = (double) (Charts.WIDTH - Charts.LEFT - Charts.RIGHT) / categories.size();
        double barWidth = slot * 0.8 / series.size();
        int bottom = Charts.TOP + Charts.PLOT_HEIGHT;
        StringBuilder svg = new StringBuilder(4096);
        Charts.title(svg, title);
        Charts.legend(svg, series);
        Charts.yAxis(svg, yMax, "share of values");
        for (int c = 0; c < categories.size(); c++) {
            double left = Charts.LEFT + slot * c + slot * 0.1;
            String name = categories.get(c);
            for (int s = 0; s < series.size(); s++) {
                double fraction = series.get(s).fractions().get(c);
                double h = Charts.PLOT_HEIGHT * Math.min(fraction, yMax) / yMax;
                svg.append(String.format(
                        Locale.ROOT,
                        "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" fill-opacity=\"0.7\">"
                                + "<title>%s, %s: %s</title></rect>",
                        left + barWidth * s,
                        bottom - h,
                        Math.max(0.5, barWidth),
                        h,
                        Charts.colour(s),
                        Html.escape(name),
                        Html.escape(series.get(s).name()),
                        Charts.percent(fraction)));
            }
            double centre = Charts.LEFT + slot * (c + 0.5);
            svg.append(String.format(
                    Locale.ROOT,
                    "<text transform=\"translate(%.1f,%d) rotate(-35)\" text-anchor=\"end\">%s</text>",
                    centre,
                    bottom + 12,
                    Html.escape(Charts.shorten(name, LABEL_CHARS))));
        }
        return Charts.figure(title, HEIGHT, svg.toString(), caption);
    }
}
