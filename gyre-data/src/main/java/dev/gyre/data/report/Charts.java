package dev.gyre.data.report;

import java.util.List;
import java.util.Locale;

/** Geometry, axes and legend shared by the SVG charts. */
final class Charts {

    static final int WIDTH = 640;
    static final int LEFT = 60;
    static final int RIGHT = 32; // room for half of the last x-axis label, which is centred on the right edge
    static final int TOP = 30;
    static final int PLOT_HEIGHT = 180;
    static final int Y_TICKS = 4;
    /** Reference blue and current orange: distinguishable in colour-blind palettes and in greyscale print. */
    private static final List<String> COLOURS = List.of("#0969da", "#d4630b", "#1a7f37", "#8250df");

    private Charts() {}

    static String colour(int series) {
        return COLOURS.get(series % COLOURS.size());
    }

    /** The smallest of 1, 2, 2.5, 5 × 10^k at or above {@code value} (and at least 1%), for the y-axis top. */
    static double niceMax(double value) {
        if (!(value > 0.01)) {
            return 0.01;
        }
        double magnitude = Math.pow(10, Math.floor(Math.log10(value)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= value - 1e-12) {
                return Math.min(1, step * magnitude);
            }
        }
        return 1;
    }

    /** Horizontal grid lines with percent labels and the rotated y-axis title. */
    static void yAxis(StringBuilder svg, double yMax, String title) {
        int bottom = TOP + PLOT_HEIGHT;
        for (int i = 0; i <= Y_TICKS; i++) {
            double value = yMax * i / Y_TICKS;
            double y = bottom - (double) PLOT_HEIGHT * i / Y_TICKS;
            svg.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\"/>",
                    LEFT,
                    y,
                    WIDTH - RIGHT,
                    y,
                    i == 0 ? "#57606a" : "#eaeef2"));
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>",
                    LEFT - 6,
                    y + 4,
                    percent(value)));
        }
        svg.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(14,%d) rotate(-90)\" text-anchor=\"middle\">%s</text>",
                TOP + PLOT_HEIGHT / 2,
                Html.escape(title)));
    }

    /** Colour swatches and names above the plot, right-aligned. */
    static void legend(StringBuilder svg, List<Series> series) {
        int x = WIDTH - RIGHT - 130 * series.size();
        for (int i = 0; i < series.size(); i++) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%d\" y=\"8\" width=\"12\" height=\"12\" fill=\"%s\" fill-opacity=\"0.5\" stroke=\"%s\"/>"
                            + "<text x=\"%d\" y=\"18\">%s</text>",
                    x,
                    colour(i),
                    colour(i),
                    x + 16,
                    Html.escape(shorten(series.get(i).name(), 18))));
            x += 130;
        }
    }

    /** The title at the top left. */
    static void title(StringBuilder svg, String title) {
        svg.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"18\" font-weight=\"600\">")
                .append(Html.escape(shorten(title, 48)))
                .append("</text>");
    }

    /** {@code <figure>} with the SVG (its accessible name is the title) and the caption. */
    static Html figure(String title, int height, String body, String caption) {
        String svg = "<svg role=\"img\" viewBox=\"0 0 " + WIDTH + " " + height + "\" width=\"" + WIDTH + "\" height=\""
                + height + "\"><title>" + Html.escape(title) + "</title>" + body + "</svg>";
        return new Html("<figure>" + svg + "<figcaption>" + Html.escape(caption) + "</figcaption></figure>");
    }

    static double maxFraction(List<Series> series) {
        return series.stream()
                .flatMap(s -> s.fractions().stream())
                .mapToDouble(Double::doubleValue)
                .max()
                .orElse(0);
    }

    static String percent(double fraction) {
        double percent = Math.round(1000 * fraction) / 10.0;
        return String.format(Locale.ROOT, percent == Math.rint(percent) ? "%.0f%%" : "%.1f%%", percent);
    }

    static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
