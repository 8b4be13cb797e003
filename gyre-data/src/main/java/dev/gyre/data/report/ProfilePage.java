package dev.gyre.data.report;

import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.profile.FrequentValue;
import dev.gyre.data.profile.HistogramBucket;
import dev.gyre.data.profile.Moments;
import dev.gyre.data.read.GyreType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The report of one {@link DatasetProfile}: a statistics table with a row per feature, then a histogram per numeric
 * or temporal feature and the top values of each text or boolean feature, all from the profile's sketches.
 *
 * @param name how the dataset is named on the page, e.g. its file name
 * @param profile the profile to report
 */
public record ProfilePage(String name, DatasetProfile profile) {

    static final int HISTOGRAM_BINS = 20;
    static final int TOP_VALUES = 10;

    public ProfilePage {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(profile, "profile");
    }

    /** The whole HTML document. */
    public String html() {
        List<Html> charts = new ArrayList<>();
        for (FeatureProfile feature : profile.features()) {
            chart(feature).ifPresent(charts::add);
        }
        return new HtmlPage(
                        "Data profile: " + name,
                        Format.count(profile.rowCount()) + " rows, "
                                + profile.features().size() + " features",
                        List.of(
                                Sections.section("Features", statistics().html()),
                                Sections.section(
                                        "Distributions",
                                        charts.isEmpty()
                                                ? List.of(Sections.note("No feature has values to chart."))
                                                : charts)))
                .render();
    }

    /** One row per feature, in column order. */
    HtmlTable statistics() {
        List<List<String>> rows = new ArrayList<>();
        for (FeatureProfile feature : profile.features()) {
            Moments m = feature.moments();
            boolean numbers = feature.type() != GyreType.STRING && m.count() > 0;
            AxisFormat format = feature.type() == GyreType.TIMESTAMP ? AxisFormat.EPOCH_MILLIS : AxisFormat.NUMBER;
            double span = numbers ? m.max() - m.min() : 0;
            List<Double> median = feature.quantiles(List.of(0.5));
            List<FrequentValue> top = feature.topValues(1);
            rows.add(List.of(
                    feature.name(),
                    feature.type().label(),
                    Format.count(feature.counts().present()),
                    Format.percent(feature.counts().missingFraction()),
                    "≈" + Math.round(feature.distinct().estimate()),
                    numbers ? format.format(m.min(), span) : "",
                    numbers ? format.format(m.mean(), span) : "",
                    numbers && feature.type() == GyreType.NUMERIC ? Format.number(m.std()) : "",
                    numbers && !median.isEmpty() ? format.format(median.getFirst(), span) : "",
                    numbers ? format.format(m.max(), span) : "",
                    top.isEmpty() || feature.counts().present() == 0
                            ? ""
                            : top.getFirst().value() + " ("
                                    + Format.percent((double) top.getFirst().count()
                                            / feature.counts().present())
                                    + ")"));
        }
        return HtmlTable.ofText(
                List.of(
                        "Feature",
                        "Type",
                        "Present",
                        "Missing",
                        "Distinct",
                        "Min",
                        "Mean",
                        "Std",
                        "Median",
                        "Max",
                        "Top value"),
                rows);
    }

    private Optional<Html> chart(FeatureProfile feature) {
        if (feature.type() == GyreType.NUMERIC || feature.type() == GyreType.TIMESTAMP) {
            List<HistogramBucket> buckets = feature.equalWidthHistogram(HISTOGRAM_BINS);
            double total = buckets.stream().mapToDouble(HistogramBucket::count).sum();
            if (buckets.isEmpty() || !(total > 0)) {
                return Optional.empty();
            }
            List<Double> boundaries = new ArrayList<>();
            boundaries.add(buckets.getFirst().low());
            buckets.forEach(b -> boundaries.add(b.high()));
            if (!(boundaries.getLast() > boundaries.getFirst())) {
                double value = boundaries.getFirst();
                return Optional.of(
                        histogram(feature, List.of(value - 0.5, value + 0.5), List.of(1.0), "a single value"));
            }
            List<Double> fractions =
                    buckets.stream().map(b -> b.count() / total).toList();
            return Optional.of(histogram(feature, boundaries, fractions, HISTOGRAM_BINS + " equal-width bins"));
        }
        List<FrequentValue> top = feature.topValues(TOP_VALUES);
        long present = feature.counts().present();
        if (top.isEmpty() || present == 0) {
            return Optional.empty();
        }
        List<String> labels = top.stream().map(FrequentValue::value).toList();
        List<Double> fractions =
                top.stream().map(v -> (double) v.count() / present).toList();
        String caption = "The " + top.size() + " most frequent values and their share of the " + Format.count(present)
                + " non-missing values (frequent-items sketch estimates).";
        return Optional.of(
                new CategoryChart(feature.name(), labels, List.of(new Series("share", fractions)), caption).html());
    }

    private Html histogram(FeatureProfile feature, List<Double> boundaries, List<Double> fractions, String bins) {
        boolean time = feature.type() == GyreType.TIMESTAMP;
        String caption = "Histogram of " + Format.count(feature.moments().count()) + " finite values on " + bins
                + " between the exact minimum and maximum; bar heights are the share of values per bin, estimated"
                + " from the profile's quantile sketch.";
        return new HistogramChart(
                        feature.name(),
                        boundaries,
                        List.of(new Series("share", fractions)),
                        feature.name() + (time ? " (UTC)" : " (value)"),
                        time ? AxisFormat.EPOCH_MILLIS : AxisFormat.NUMBER,
                        caption)
                .html();
    }
}
