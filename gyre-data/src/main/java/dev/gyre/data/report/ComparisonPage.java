package dev.gyre.data.report;

import dev.gyre.data.drift.BinnedDistributions;
import dev.gyre.data.drift.CategoricalSummary;
import dev.gyre.data.drift.DatasetDrift;
import dev.gyre.data.drift.DistributionSource;
import dev.gyre.data.drift.FeatureDrift;
import dev.gyre.data.drift.ProfileComparison;
import dev.gyre.data.drift.TypeChange;
import dev.gyre.data.profile.DatasetProfile;
import dev.gyre.data.profile.FeatureProfile;
import dev.gyre.data.read.GyreType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The drift report of a {@link ProfileComparison}: verdict, per-feature drift table, overlaid reference/current
 * distributions and schema changes. The charts reuse the comparison's own common bins ({@link
 * FeatureDrift#histograms()}, equal-width over both sides' range for numeric features), so the picture is the data
 * the statistics saw; the two profiles add the exact ranges and value counts the bins leave out.
 *
 * @param referenceName how the reference is named on the page, e.g. its file name
 * @param currentName how the current data is named
 * @param comparison the comparison to report
 * @param reference the reference profile the comparison was computed from
 * @param current the current profile
 * @param chartAllFeatures whether to chart every compared feature rather than only the drifted ones
 */
public record ComparisonPage(
        String referenceName,
        String currentName,
        ProfileComparison comparison,
        DatasetProfile reference,
        DatasetProfile current,
        boolean chartAllFeatures) {

    /** Categories shown per categorical chart; the rest are summed into one bar. */
    static final int TOP_CATEGORIES = 12;

    static final String OTHER_VALUES = "(other values)";

    public ComparisonPage {
        Objects.requireNonNull(referenceName, "referenceName");
        Objects.requireNonNull(currentName, "currentName");
        Objects.requireNonNull(comparison, "comparison");
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(current, "current");
    }

    /** The whole HTML document. */
    public String html() {
        DatasetDrift drift = comparison.drift();
        List<Html> sections = List.of(
                Sections.section("Summary", summary(drift)),
                Sections.section("Drift by feature", driftTable(drift).html()),
                Sections.section("Distributions", distributions(drift)),
                Sections.section("Schema changes", schemaChanges()));
        return new HtmlPage(
                        "Data drift: " + currentName + " vs " + referenceName,
                        "reference " + referenceName + " (" + Format.count(reference.rowCount()) + " rows), current "
                                + currentName + " (" + Format.count(current.rowCount()) + " rows)",
                        sections)
                .render();
    }

    private List<Html> summary(DatasetDrift drift) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(
                "Drifted features",
                drift.driftedFeatures() + " of " + drift.features().size() + " (" + Format.percent(drift.share())
                        + ")");
        entries.put("Dataset drift when", "share of drifted features ≥ " + Format.percent(drift.threshold()));
        entries.put("Methods", methodCounts(drift));
        if (!comparison.minimumEffectApplied().isEmpty()) {
            entries.put(
                    "Minimum effect",
                    "KS D ≥ " + Format.number(comparison.ksMinimumEffect()) + " also required for "
                            + comparison.minimumEffectApplied().size() + " feature(s) with large references");
        }
        entries.put("Schema", comparison.schemaChanged() ? "changed (see below)" : "unchanged");
        Html verdict =
                drift.drifted() ? Sections.badge("DATASET DRIFT", "bad") : Sections.badge("no dataset drift", "good");
        return List.of(Html.element("p", verdict), Sections.keyValues(entries));
    }

    private static String methodCounts(DatasetDrift drift) {
        Map<String, Long> counts = new TreeMap<>();
        drift.features().forEach(f -> counts.merge(methodName(f), 1L, Long::sum));
        List<String> parts = new ArrayList<>();
        counts.forEach((method, count) -> parts.add(method + " × " + count));
        return parts.isEmpty() ? "none (no feature compared)" : String.join(", ", parts);
    }

    /** One row per compared feature, in the comparison's order; the cells read like the CLI's table. */
    HtmlTable driftTable(DatasetDrift drift) {
        List<List<Html>> rows = new ArrayList<>();
        for (FeatureDrift feature : drift.features()) {
            GyreType type = comparison.types().get(feature.feature());
            rows.add(List.of(
                    Html.text(feature.feature()),
                    Html.text(type == null ? "" : type.label()),
                    Html.text(methodName(feature)),
                    Html.text(Format.number(feature.statistic())),
                    Html.text(Format.number(feature.pValue())),
                    Html.text(threshold(feature)),
                    Html.text(Format.number(comparison.normedWasserstein().get(feature.feature()))),
                    feature.drifted() ? Sections.badge("DRIFT", "bad") : Sections.badge("ok", "good")));
        }
        return new HtmlTable(
                List.of(
                        "Feature",
                        "Type",
                        "Method",
                        "Statistic",
                        "p-value",
                        "Threshold",
                        "Normed Wasserstein",
                        "Verdict"),
                rows);
    }

    private String threshold(FeatureDrift feature) {
        if (!feature.method().pValueBased()) {
            return "≥ " + Format.number(feature.threshold());
        }
        String level = "p < " + Format.number(feature.threshold());
        return comparison.minimumEffectApplied().contains(feature.feature())
                ? level + ", D ≥ " + Format.number(comparison.ksMinimumEffect())
                : level;
    }

    private List<Html> distributions(DatasetDrift drift) {
        List<Html> charts = drift.features().stream()
                .filter(f -> chartAllFeatures || f.drifted())
                .map(this::chart)
                .toList();
        if (charts.isEmpty()) {
            return List.of(Sections.note("No feature drifted, so no distribution is charted."));
        }
        List<Html> body = new ArrayList<>();
        body.add(Sections.paragraph(
                chartAllFeatures
                        ? "Reference and current distributions of every compared feature."
                        : "Reference and current distributions of the drifted features."));
        body.addAll(charts);
        return body;
    }

    private Html chart(FeatureDrift feature) {
        BinnedDistributions bins = feature.histograms();
        long refValues = present(reference, feature.feature());
        long curValues = present(current, feature.feature());
        String sizes = " Fractions, not counts: the reference has " + Format.count(refValues)
                + " non-missing values, the current data " + Format.count(curValues) + ".";
        if (bins.edges().isEmpty()) {
            return categoryChart(feature.feature(), bins, sizes);
        }
        GyreType type = comparison.types().get(feature.feature());
        double min = Math.min(minimum(reference, feature.feature()), minimum(current, feature.feature()));
        double max = Math.max(maximum(reference, feature.feature()), maximum(current, feature.feature()));
        AxisFormat format = type == GyreType.TIMESTAMP ? AxisFormat.EPOCH_MILLIS : AxisFormat.NUMBER;
        String caption = "Overlaid histograms on " + bins.size() + " equal-width bins over the combined range of both"
                + " datasets; each bar is the share of that dataset's non-missing values in the bin (each dataset"
                + " sums to 100%), "
                + (comparison.sources().get(feature.feature()) == DistributionSource.EXACT
                        ? "counted from the values both profiles keep exactly."
                        : "estimated from the profiles' quantile sketches.")
                + sizes;
        return new HistogramChart(
                        feature.feature(),
                        boundaries(bins.edges(), min, max),
                        series(bins.reference(), bins.current()),
                        feature.feature() + (type == GyreType.TIMESTAMP ? " (UTC)" : " (value)"),
                        format,
                        caption)
                .html();
    }

    /** The interior edges closed by the exact range; a single-valued feature gets a unit-wide bin either side. */
    static List<Double> boundaries(List<Double> edges, double min, double max) {
        if (!(max > min) || edges.getFirst() < min || edges.getLast() > max) {
            double centre = edges.getFirst();
            return List.of(centre - 0.5, centre, centre + 0.5);
        }
        List<Double> all = new ArrayList<>(edges.size() + 2);
        all.add(min);
        all.addAll(edges);
        all.add(max);
        return all;
    }

    private Html categoryChart(String feature, BinnedDistributions bins, String sizes) {
        List<Integer> order = IntStream.range(0, bins.size())
                .boxed()
                .sorted(Comparator.comparingDouble((Integer i) ->
                                Math.max(bins.reference().get(i), bins.current().get(i)))
                        .reversed())
                .toList();
        List<String> labels = new ArrayList<>();
        List<Double> ref = new ArrayList<>();
        List<Double> cur = new ArrayList<>();
        double otherRef = 0;
        double otherCur = 0;
        boolean other = false;
        for (int rank = 0; rank < order.size(); rank++) {
            int i = order.get(rank);
            if (rank < TOP_CATEGORIES && !bins.labels().get(i).equals(CategoricalSummary.OTHER)) {
                labels.add(bins.labels().get(i));
                ref.add(bins.reference().get(i));
                cur.add(bins.current().get(i));
            } else {
                other = true;
                otherRef += bins.reference().get(i);
                otherCur += bins.current().get(i);
            }
        }
        if (other) {
            labels.add(OTHER_VALUES);
            ref.add(otherRef);
            cur.add(otherCur);
        }
        String caption = "Share of each dataset's non-missing values per category, the " + TOP_CATEGORIES
                + " largest first; " + OTHER_VALUES + " sums the rest, including values the profiles' frequent-items"
                + " sketches did not keep." + sizes;
        return new CategoryChart(feature, labels, series(ref, cur), caption).html();
    }

    private List<Series> series(List<Double> ref, List<Double> cur) {
        // The legend says which side is which; the page's heading names both datasets in full.
        return List.of(new Series("reference", ref), new Series("current", cur));
    }

    private List<Html> schemaChanges() {
        List<List<String>> rows = new ArrayList<>();
        comparison.onlyInReference().forEach(f -> rows.add(List.of(f, "only in reference", "")));
        comparison.onlyInCurrent().forEach(f -> rows.add(List.of(f, "only in current", "")));
        for (TypeChange change : comparison.typeChanges()) {
            rows.add(List.of(
                    change.feature(),
                    "type changed",
                    change.reference().label() + " → " + change.current().label()));
        }
        comparison.withoutValues().forEach(f -> rows.add(List.of(f, "not compared", "no values on one side")));
        if (rows.isEmpty()) {
            return List.of(Sections.note("Both datasets have the same features with the same types."));
        }
        return List.of(
                HtmlTable.ofText(List.of("Feature", "Change", "Detail"), rows).html());
    }

    private static String methodName(FeatureDrift feature) {
        return feature.method().name().toLowerCase(Locale.ROOT);
    }

    private static long present(DatasetProfile profile, String feature) {
        return profile.feature(feature).map(f -> f.counts().present()).orElse(0L);
    }

    private static double minimum(DatasetProfile profile, String feature) {
        return profile.feature(feature)
                .map(FeatureProfile::moments)
                .map(m -> m.min())
                .orElse(Double.NaN);
    }

    private static double maximum(DatasetProfile profile, String feature) {
        return profile.feature(feature)
                .map(FeatureProfile::moments)
                .map(m -> m.max())
                .orElse(Double.NaN);
    }
}
